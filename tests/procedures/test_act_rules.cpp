#include <catch2/catch.hpp>

#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/field_validation.hpp"
#include "kiosk/validation/act_request_rules.hpp"

using namespace guichet::validation;

namespace {
const Qualite kAll[] = {Qualite::Interesse, Qualite::Conjoint, Qualite::Ascendant, Qualite::Descendant,
                        Qualite::RepresentantLegal, Qualite::Professionnel, Qualite::Autre};
}

TEST_CASE("procedures.act rules: birth and marriage full copies only for the person and close family", "[acts]") {
    for (ActKind kind : {ActKind::Naissance, ActKind::Mariage})
        for (ActType type : {ActType::CopieIntegrale, ActType::ExtraitAvecFiliation, ActType::ExtraitPlurilingue})
            for (Qualite q : kAll) {
                auto d = mayObtainAct(kind, type, q);
                INFO(static_cast<int>(kind) << "/" << static_cast<int>(type) << "/" << static_cast<int>(q));
                CHECK(d.allowed == (q != Qualite::Autre));
                if (!d.allowed) {
                    CHECK(d.explanation.find("extrait sans filiation") != std::string::npos);  // what to ask instead
                    CHECK(d.explanation.find("procureur de la République") != std::string::npos);
                }
            }
}

TEST_CASE("procedures.act rules: extracts without filiation for anyone", "[acts]") {
    for (ActKind kind : {ActKind::Naissance, ActKind::Mariage})
        for (Qualite q : kAll) CHECK(mayObtainAct(kind, ActType::ExtraitSansFiliation, q).allowed);
}

TEST_CASE("procedures.act rules: death acts are full copies for anyone, no extracts", "[acts]") {
    for (Qualite q : kAll) {
        CHECK(mayObtainAct(ActKind::Deces, ActType::CopieIntegrale, q).allowed);
        CHECK(mayObtainAct(ActKind::Deces, ActType::ExtraitPlurilingue, q).allowed);
        auto d = mayObtainAct(ActKind::Deces, ActType::ExtraitAvecFiliation, q);
        CHECK_FALSE(d.allowed);
        CHECK(d.explanation.find("copie intégrale") != std::string::npos);
        CHECK_FALSE(mayObtainAct(ActKind::Deces, ActType::ExtraitSansFiliation, q).allowed);
    }
}

TEST_CASE("procedures.act rules: a minor cannot ask alone for a full copy of their own act", "[acts]") {
    auto minor = mayObtainAct(ActKind::Naissance, ActType::CopieIntegrale, Qualite::Interesse, 16);
    CHECK_FALSE(minor.allowed);
    CHECK(minor.explanation.find("Un parent ou le représentant légal") != std::string::npos);
    CHECK(mayObtainAct(ActKind::Naissance, ActType::CopieIntegrale, Qualite::Interesse, 18).allowed);
    CHECK(mayObtainAct(ActKind::Naissance, ActType::ExtraitSansFiliation, Qualite::Interesse, 12).allowed);
    CHECK(mayObtainAct(ActKind::Naissance, ActType::CopieIntegrale, Qualite::Ascendant, 12).allowed);
}

TEST_CASE("procedures.act rules: ids of the catalogue map to the rules", "[acts]") {
    CHECK(actKindFromId("naissance") == ActKind::Naissance);
    CHECK(actTypeFromId("extrait_filiation") == ActType::ExtraitAvecFiliation);
    CHECK(qualiteFromId("representant_legal") == Qualite::RepresentantLegal);
    CHECK_FALSE(actTypeFromId("copie").has_value());
    CHECK_FALSE(qualiteFromId("cousin").has_value());
}

// The catalogue shows or hides act types by qualité (for the resident) and the rule
// enforces the decree (the safety net): both must agree for every qualité offered.
TEST_CASE("procedures.act rules: catalogue choice conditions agree with the decree", "[acts]") {
    using namespace guichet::procedures;
    auto load = loadCatalogue(std::string(GUICHET_SOURCE_DIR) + "/config/procedures");
    REQUIRE(load.ok());
    for (const auto& [procId, kind] : {std::pair<std::string, ActKind>{"acte-naissance", ActKind::Naissance},
                                       {"acte-mariage", ActKind::Mariage}, {"acte-deces", ActKind::Deces}}) {
        const Procedure* p = load.catalogue.find(procId);
        REQUIRE(p);
        const Field* qualite = p->findField("qualite");
        const Field* type = p->findField("type_acte");
        REQUIRE(qualite);
        REQUIRE(type);
        for (const auto& q : qualite->choices) {
            nlohmann::json answer = q.value;
            Condition::Lookup look = [&](const std::string& id) -> const nlohmann::json* { return id == "qualite" ? &answer : nullptr; };
            for (const auto& view : choiceViews(*type, look, {2026, 1, 1}, "fr")) {
                INFO(procId << " qualité=" << q.value << " type=" << view.choice->value);
                CHECK(view.available == mayObtainAct(kind, *actTypeFromId(view.choice->value), *qualiteFromId(q.value)).allowed);
                if (!view.available) CHECK_FALSE(view.unavailableText.empty());
            }
        }
    }
}
