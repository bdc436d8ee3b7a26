// Reads one TOML table of the catalogue with its keys checked: every key must be known
// (a typo is reported with the nearest known key), every value of the right type, and
// every text in French at least. Problems go to the diagnostics with their line.
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "kiosk/procedures/diagnostics.hpp"
#include "kiosk/procedures/procedure.hpp"

namespace guichet::procedures {

class TomlReader {
public:
    TomlReader(const toml::table& table, std::string file, Diagnostics& diags, std::string context,
               std::initializer_list<const char*> allowedKeys);

    int line() const { return static_cast<int>(table_.source().begin.line); }
    int lineOf(const char* key) const;
    bool has(const char* key) const { return table_.contains(key); }
    void error(int line, std::string message) const;
    void error(const char* key, std::string message) const { error(lineOf(key), std::move(message)); }

    std::optional<std::string> string(const char* key, bool required = false) const;
    std::optional<long long> integer(const char* key, bool required = false) const;
    std::optional<double> number(const char* key) const;
    std::optional<bool> boolean(const char* key) const;
    // A text: "…" (French) or { fr = "…", en = "…" }. Missing French is an error.
    LocalizedText text(const char* key, bool required = false) const;
    std::vector<std::string> stringList(const char* key) const;
    ConditionPtr condition(const char* key) const;
    // Each table of an array of tables ([[steps]]); a non-table element is reported.
    std::vector<const toml::table*> tables(const char* key) const;
    const toml::table* subtable(const char* key) const;

    const std::string& file() const { return file_; }
    Diagnostics& diagnostics() const { return diags_; }

private:
    const toml::table& table_;
    std::string file_;
    Diagnostics& diags_;
    std::string context_;
};

// "required" for "requierd": the nearest of `candidates` within 2 edits, or "".
std::string nearestKey(const std::string& key, const std::set<std::string>& candidates);

}  // namespace guichet::procedures
