#include <catch2/catch.hpp>

#include "kiosk/procedures/field_validation.hpp"

using namespace guichet::procedures;
using guichet::validation::CivilDate;
using nlohmann::json;

namespace {
struct Fixture {
    CatalogueSettings settings;
    std::map<std::string, json> answers;
    Fixture() { settings.communes = {{"45990", {"Bellerive-sur-Loire"}}}; }
    ValidationContext ctx() {
        return ValidationContext{settings, CivilDate{2026, 11, 28}, nullptr,
                                 [this](const std::string& id) -> const json* {
                                     auto it = answers.find(id);
                                     return it == answers.end() ? nullptr : &it->second;
                                 },
                                 "fr"};
    }
};
Field make(FieldType t) {
    Field f;
    f.id = "x";
    f.type = t;
    f.label = LocalizedText::french("X");
    return f;
}
}  // namespace

TEST_CASE("procedures.field dates: future birth dates, ages, recent documents", "[fields]") {
    Fixture fx;
    Field birth = make(FieldType::Date);
    birth.past = true;
    CHECK(validateField(birth, "14/07/1952", fx.ctx()).value == "1952-07-14");
    CHECK(validateField(birth, "1952-07-14", fx.ctx()).value == "1952-07-14");  // a value given back by the wizard
    CHECK(validateField(birth, "29/11/2026", fx.ctx()).message == "Cette date est dans le futur. Vérifiez l'année et le mois.");
    CHECK(validateField(birth, "28/11/2026", fx.ctx()).ok);  // born today
    CHECK(validateField(birth, "29/02/2023", fx.ctx()).message.find("bissextile") != std::string::npos);
    birth.minAge = 17;
    birth.ageMessage = LocalizedText::french("Il faut avoir 18 ans le jour de l'élection.");
    CHECK(validateField(birth, "29/11/2009", fx.ctx()).message == "Il faut avoir 18 ans le jour de l'élection.");
    CHECK(validateField(birth, "28/11/2009", fx.ctx()).ok);
    Field future = make(FieldType::Date);
    future.future = true;
    CHECK(validateField(future, "27/11/2026", fx.ctx()).message.find("déjà passée") != std::string::npos);
    Field recent = make(FieldType::Date);
    recent.maxDaysAgo = 92;
    CHECK(validateField(recent, "28/08/2026", fx.ctx()).ok);
    CHECK(validateField(recent, "27/08/2026", fx.ctx()).message.find("moins de 92 jours") != std::string::npos);
    CHECK(validateField(make(FieldType::Date), "", fx.ctx()).message.find("14/07/1952") != std::string::npos);
}

TEST_CASE("procedures.field required and optional answers", "[fields]") {
    Fixture fx;
    Field f = make(FieldType::Text);
    CHECK(validateField(f, json(), fx.ctx()).message == "Cette information est obligatoire. Merci de la remplir.");
    CHECK(validateField(f, "   ", fx.ctx()).ok == false);
    f.required = false;
    auto o = validateField(f, "  ", fx.ctx());
    CHECK(o.ok);
    CHECK(o.empty);
    CHECK(validateField(make(FieldType::YesNo), json(), fx.ctx()).message == "Répondez par Oui ou par Non.");
}

TEST_CASE("procedures.field text lengths count letters, not bytes, and patterns explain", "[fields]") {
    Fixture fx;
    Field f = make(FieldType::Text);
    f.maxLength = 5;
    CHECK(validateField(f, "ééééé", fx.ctx()).ok);  // 10 bytes, 5 letters
    CHECK(validateField(f, "éééééé", fx.ctx()).message.find("6 caractères pour 5 au plus") != std::string::npos);
    f.minLength = 3;
    CHECK(validateField(f, "ab", fx.ctx()).message.find("au moins 3") != std::string::npos);
    f.pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{4,6}$";
    f.patternMessage = LocalizedText::french("Recopiez la référence avec les tirets.");
    f.maxLength = 20;
    f.minLength.reset();
    CHECK(validateField(f, "2026-11-004521", fx.ctx()).ok);
    CHECK(validateField(f, "202611004521", fx.ctx()).message == "Recopiez la référence avec les tirets.");
    Field name = make(FieldType::Text);
    name.check = "nom";
    CHECK(validateField(name, " N\u2019Diaye ", fx.ctx()).value == "N'Diaye");
}

TEST_CASE("procedures.field numbers and ratings", "[fields]") {
    Fixture fx;
    Field n = make(FieldType::Number);
    n.min = 1;
    n.max = 4;
    CHECK(validateField(n, "2", fx.ctx()).value == 2);
    CHECK(validateField(n, json(3), fx.ctx()).value == 3);
    CHECK(validateField(n, "5", fx.ctx()).message == "Choisissez un nombre entre 1 et 4.");
    CHECK(validateField(n, "2,5", fx.ctx()).message.find("entier") != std::string::npos);
    CHECK(validateField(n, "deux", fx.ctx()).message.find("en chiffres") != std::string::npos);
    Field r = make(FieldType::Rating);
    r.min = 1;
    r.max = 5;
    CHECK(validateField(r, json(5), fx.ctx()).ok);
    CHECK(validateField(r, json(6), fx.ctx()).message == "Choisissez une note de 1 à 5.");
}

TEST_CASE("procedures.field choices offered by condition and explained when not", "[fields]") {
    Fixture fx;
    Field f = make(FieldType::Choice);
    std::string err;
    Choice open{"sans", LocalizedText::french("Extrait sans filiation"), nullptr, {}, 1};
    Choice restricted{"integrale", LocalizedText::french("Copie intégrale"),
                      ConditionPtr(Condition::parse("qualite != 'autre'", err)),
                      LocalizedText::french("Réservée à la famille proche."), 2};
    f.choices = {open, restricted};
    fx.answers["qualite"] = "autre";
    CHECK(validateField(f, "sans", fx.ctx()).value == "sans");
    CHECK(validateField(f, "integrale", fx.ctx()).message == "Réservée à la famille proche.");
    CHECK(validateField(f, "inconnu", fx.ctx()).message.find("ne fait pas partie des choix") != std::string::npos);
    auto views = choiceViews(f, fx.ctx().answers, {2026, 11, 28}, "fr");
    REQUIRE(views.size() == 2);
    CHECK(views[0].available);
    CHECK_FALSE(views[1].available);
    CHECK(views[1].unavailableText == "Réservée à la famille proche.");
    fx.answers["qualite"] = "conjoint";
    CHECK(validateField(f, "integrale", fx.ctx()).ok);
    f.multiple = true;
    CHECK(validateField(f, json::array({"sans", "integrale"}), fx.ctx()).value == json::array({"sans", "integrale"}));
    CHECK(validateField(f, "sans", fx.ctx()).ok == false);
    CHECK(displayValue(f, json::array({"sans", "integrale"}), "fr") == "Extrait sans filiation, Copie intégrale");
}

TEST_CASE("procedures.field addresses and communes in the town", "[fields]") {
    Fixture fx;
    Field a = make(FieldType::Address);
    a.localOnly = true;
    json good = {{"voie", "12 rue de la Mairie"}, {"code_postal", "45990"}, {"commune", "bellerive sur loire"}};
    auto o = validateField(a, good, fx.ctx());
    REQUIRE(o.ok);
    CHECK(o.value == json{{"voie", "12 rue de la Mairie"}, {"code_postal", "45990"}, {"commune", "Bellerive-sur-Loire"}});
    CHECK(displayValue(a, o.value, "fr") == "12 rue de la Mairie, 45990 Bellerive-sur-Loire");
    json elsewhere = good;
    elsewhere["code_postal"] = "75014";
    CHECK(validateField(a, elsewhere, fx.ctx()).message.find("adresse dans la commune") != std::string::npos);
    json noStreet = good;
    noStreet["voie"] = "12";
    CHECK(validateField(a, noStreet, fx.ctx()).message.find("12 rue de la Mairie") != std::string::npos);
    Field pc = make(FieldType::PostalCommune);
    CHECK(validateField(pc, json{{"code_postal", "37000"}, {"commune", "Tours"}}, fx.ctx()).ok);
    CHECK(validateField(pc, json{{"code_postal", "3700"}, {"commune", "Tours"}}, fx.ctx()).message.find("4 chiffres") != std::string::npos);
}

TEST_CASE("procedures.field card read or typed, documents scanned or brought later", "[fields]") {
    Fixture fx;
    Field card = make(FieldType::Card);
    card.fallbackPattern = "^[A-Z0-9]{6,12}$";
    card.patternMessage = LocalizedText::french("6 à 12 lettres majuscules et chiffres.");
    CHECK(validateField(card, json{{"source", "card"}, {"value", "04A1B2C3D4E5F6"}}, fx.ctx()).ok);
    CHECK(validateField(card, "FAM04521", fx.ctx()).value == json{{"source", "saisie"}, {"value", "FAM04521"}});
    CHECK(validateField(card, "fam-4", fx.ctx()).message == "6 à 12 lettres majuscules et chiffres.");
    CHECK(validateField(card, json(), fx.ctx()).message.find("Je n'ai pas ma carte") != std::string::npos);
    CHECK(displayValue(card, json{{"source", "card"}, {"value", "04A1B2C3D4E5F6"}}, "fr") == "Carte lue, n° •••• E5F6");
    Field doc = make(FieldType::Document);
    doc.maxPages = 2;
    CHECK(validateField(doc, json{{"pages", 1}}, fx.ctx()).ok);
    CHECK(validateField(doc, json{{"pages", 3}}, fx.ctx()).message.find("2 au plus") != std::string::npos);
    CHECK(validateField(doc, json{{"later", true}}, fx.ctx()).message.find("doit être scanné") != std::string::npos);
    doc.allowLater = true;
    CHECK(validateField(doc, json{{"later", true}}, fx.ctx()).ok);
    CHECK(displayValue(doc, json{{"later", true}}, "fr") == "À apporter au guichet");
    CHECK(displayValue(doc, json{{"pages", 2}}, "fr") == "2 pages scannées");
}

TEST_CASE("procedures.field display values for review and receipt", "[fields]") {
    CHECK(displayValue(make(FieldType::Date), "1952-07-14", "fr") == "14/07/1952");
    CHECK(displayValue(make(FieldType::Phone), "+33612345678", "fr") == "06 12 34 56 78");
    CHECK(displayValue(make(FieldType::YesNo), true, "fr") == "Oui");
    CHECK(displayValue(make(FieldType::Appointment), "2026-12-03T09:40", "fr") == "jeudi 3 décembre 2026 à 9 h 40");
    Field m = make(FieldType::Text);
    m.check = "montant";
    CHECK(displayValue(m, "42.50", "fr") == "42,50\u00A0€");
    CHECK(displayValue(make(FieldType::Text), json(), "fr") == "—");
}
