#include <catch2/catch.hpp>

#include "kiosk/procedures/condition.hpp"

using namespace guichet::procedures;
using nlohmann::json;

namespace {
struct Answers {
    std::map<std::string, json> values;
    Condition::Lookup lookup() const {
        return [this](const std::string& id) -> const json* {
            auto it = values.find(id);
            return it == values.end() ? nullptr : &it->second;
        };
    }
};

bool eval(const std::string& text, const Answers& a, guichet::validation::CivilDate today = {2026, 11, 28}) {
    std::string err;
    auto c = Condition::parse(text, err);
    INFO(text << " : " << err);
    REQUIRE(c);
    return c->evaluate(a.lookup(), today);
}

std::string parseError(const std::string& text) {
    std::string err;
    auto c = Condition::parse(text, err);
    REQUIRE_FALSE(c);
    return err;
}
}  // namespace

TEST_CASE("procedures.condition comparisons and membership", "[conditions]") {
    Answers a{{{"qualite", "conjoint"}, {"nb", 3}, {"suivi", true}, {"services", json::array({"titres", "autre"})},
               {"date_naissance", "2010-03-01"}}};
    CHECK(eval("qualite == 'conjoint'", a));
    CHECK(eval("qualite != \"autre\"", a));
    CHECK(eval("qualite in ['interesse', 'conjoint']", a));
    CHECK_FALSE(eval("qualite not in ['interesse', 'conjoint']", a));
    CHECK(eval("nb >= 2 and nb < 4", a));
    CHECK_FALSE(eval("nb > 3", a));
    CHECK(eval("suivi", a));
    CHECK_FALSE(eval("not suivi", a));
    CHECK(eval("'titres' in services", a));            // multiple choice
    CHECK(eval("services in ['titres']", a));           // any selected value in the list
    CHECK(eval("count(services) == 2", a));
    CHECK(eval("age(date_naissance) < 18", a));         // 16 on 2026-11-28
    CHECK(eval("age(date_naissance) == 16", a));
    CHECK(eval("(qualite == 'autre' or nb == 3) and suivi", a));
    CHECK(eval("date_naissance < '2011-01-01'", a));    // ISO dates compare as text
    CHECK(eval("nb == 3.0", a));
}

TEST_CASE("procedures.condition unanswered fields are neither equal nor different", "[conditions]") {
    Answers a;
    CHECK_FALSE(eval("qualite == 'conjoint'", a));
    CHECK_FALSE(eval("qualite != 'conjoint'", a));
    CHECK_FALSE(eval("qualite in ['a']", a));
    CHECK_FALSE(eval("qualite not in ['a']", a));
    CHECK_FALSE(eval("nb >= 2", a));
    CHECK_FALSE(eval("answered(qualite)", a));
    CHECK(eval("not answered(qualite)", a));
    a.values["flag"] = false;
    CHECK(eval("answered(flag)", a));                   // "Non" is an answer
    a.values["texte"] = "";
    CHECK_FALSE(eval("answered(texte)", a));
    a.values["doc"] = json{{"pages", 2}};
    a.values["plus_tard"] = json{{"later", true}};
    CHECK(eval("scanned(doc)", a));
    CHECK_FALSE(eval("scanned(plus_tard)", a));   // brought to the desk: nothing scanned
    CHECK(eval("answered(plus_tard)", a));
    CHECK_FALSE(eval("scanned(absent)", a));
}

TEST_CASE("procedures.condition lists the fields it reads", "[conditions]") {
    std::string err;
    auto c = Condition::parse("a == 1 or (b in ['x'] and not age(c) > 3)", err);
    REQUIRE(c);
    CHECK(c->fieldsUsed() == std::set<std::string>{"a", "b", "c"});
    CHECK(c->text() == "a == 1 or (b in ['x'] and not age(c) > 3)");
}

TEST_CASE("procedures.condition syntax errors say where", "[conditions]") {
    CHECK(parseError("qualite = 'x'") == "col 9: opérateur « = » inconnu (utilisez == ou !=)");
    CHECK(parseError("qualite == 'x") == "col 12: texte entre guillemets non fermé");
    CHECK(parseError("(a == 1") == "col 8: il manque « ) »");
    CHECK(parseError("a == 1 b") == "col 8: « b » est en trop");
    CHECK(parseError("a in [b]") == "col 7: une liste ne contient que des textes ou des nombres");
    CHECK(parseError("majeur(a)") == "col 7: fonction « majeur » inconnue (age, answered, count, scanned)");
    CHECK(parseError("a ==") == "col 5: la condition s'arrête trop tôt");
    CHECK(parseError("a & b") == "col 3: caractère « & » inattendu");
    CHECK(parseError("").find("trop tôt") != std::string::npos);
    CHECK(parseError("and a").find("mal placé") != std::string::npos);
}
