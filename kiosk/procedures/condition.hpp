// Conditions of the catalogue ("qualite in ['interesse', 'conjoint'] and not urgent"):
// parsed once when the catalogue loads, evaluated against the answers on every page.
// Grammar: or / and / not, == != < <= > >=, `in` / `not in` a list, parentheses,
// strings in '…' or "…", numbers, true/false, field ids, and age(field), answered(field),
// count(field), scanned(field) (a document with pages). An unanswered or hidden field is null: every comparison with it is false.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/validation/civil_date.hpp"

namespace guichet::procedures {

struct ConditionNode;

class Condition {
public:
    // Parses `text`; on error, `error` says what is wrong and where ("col 12: …").
    static std::unique_ptr<Condition> parse(const std::string& text, std::string& error);

    // `lookup(id)` returns the answer of a field or nullptr when there is none.
    using Lookup = std::function<const nlohmann::json*(const std::string&)>;
    bool evaluate(const Lookup& lookup, const validation::CivilDate& today) const;

    const std::set<std::string>& fieldsUsed() const { return fields_; }
    const std::string& text() const { return text_; }

    ~Condition();
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

private:
    Condition() = default;
    std::string text_;
    std::set<std::string> fields_;
    std::unique_ptr<ConditionNode> root_;
};

}  // namespace guichet::procedures
