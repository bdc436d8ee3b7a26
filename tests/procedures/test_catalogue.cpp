#include <catch2/catch.hpp>

#include <set>

#include "kiosk/procedures/catalogue_gate.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"

using namespace guichet::procedures;

static const std::string kCatalogue = std::string(GUICHET_SOURCE_DIR) + "/config/procedures";

TEST_CASE("procedures.catalogue the shipped catalogue is valid and complete", "[catalogue]") {
    auto load = loadCatalogue(kCatalogue);
    for (const auto& d : load.diagnostics) UNSCOPED_INFO(d.format());
    REQUIRE(load.ok());
    std::vector<std::string> ids;
    for (const auto& p : load.catalogue.procedures) ids.push_back(p.id);
    CHECK(ids == std::vector<std::string>{"acte-naissance", "acte-mariage", "acte-deces", "signalement", "rdv-titres",
                                          "paiement-facture", "inscription-listes", "avis", "informations"});
    const auto& s = load.catalogue.settings;
    CHECK(s.townName.fr() == "Mairie de Bellerive-sur-Loire");
    CHECK(s.communes.at("45990").size() == 2);
    REQUIRE(s.calendars.count("titres"));
    CHECK(s.calendars.at("titres").desks == 2);
    CHECK(s.calendars.at("titres").ranges.size() == 3);
    // Every field type of the issue is used by at least one shipped procedure.
    std::set<FieldType> used;
    for (const auto& p : load.catalogue.procedures)
        for (const auto& st : p.steps)
            for (const auto& f : st.fields) used.insert(f.type);
    for (FieldType t : {FieldType::Text, FieldType::LongText, FieldType::Number, FieldType::Date, FieldType::Choice,
                        FieldType::YesNo, FieldType::Email, FieldType::Phone, FieldType::PostalCommune, FieldType::Address,
                        FieldType::Appointment, FieldType::Document, FieldType::Card, FieldType::Computed, FieldType::Rating})
        CHECK(used.count(t) == 1);
    const Procedure* info = load.catalogue.find("informations");
    REQUIRE(info);
    CHECK(info->pages.size() == 4);  // hours, documents, accessibility, "Nous contacter" (the town's contact)
    CHECK(load.catalogue.find("signalement")->connector == "open311");
    CHECK(load.catalogue.find("nope") == nullptr);
}

TEST_CASE("procedures.catalogue texts fall back to French visibly", "[catalogue]") {
    auto load = loadCatalogue(kCatalogue);
    REQUIRE(load.ok());
    const Procedure* p = load.catalogue.find("acte-naissance");
    auto en = p->title.resolve("en");
    CHECK(en.text == "Request a birth certificate");
    CHECK_FALSE(en.fallback);
    auto ar = p->title.resolve("ar");   // no Arabic text: French, marked as a fallback
    CHECK(ar.text == "Demander un acte de naissance");
    CHECK(ar.language == "fr");
    CHECK(ar.fallback);
    const Field* sexe = p->findField("sexe");
    auto label = sexe->label.resolve("ar");  // no Arabic in the file: French, marked
    CHECK(label.text == "Sexe indiqué sur l'acte");
    CHECK(label.fallback);
    CHECK_FALSE(p->title.resolve("fr").fallback);
}

TEST_CASE("procedures.catalogue the terminal gate opens a valid catalogue", "[catalogue]") {
    auto gate = openCatalogueOrRefuse(kCatalogue);
    REQUIRE(gate.ok());
    CHECK(gate.report.empty());
    CHECK(gate.catalogue->procedures.size() == 9);
}

TEST_CASE("procedures.catalogue a missing folder is refused, not a crash", "[catalogue]") {
    auto gate = openCatalogueOrRefuse("/nonexistent/catalogue");
    CHECK_FALSE(gate.ok());
    CHECK(gate.report == "/nonexistent/catalogue:0: dossier du catalogue introuvable\n");
}
