// The catalogue against the connectors' configuration: a procedure routed to w.c.s. whose
// field mapping leaves a document out, or a connector that is not configured, is reported
// as file:line (what `guichetctl catalogue check` prints and fails on).
#include <catch2/catch.hpp>

#include "kiosk/upload/connector_checks.hpp"
#include "kiosk/upload/open311_connector.hpp"

using namespace guichet;

namespace {

const procedures::Catalogue& catalogue() {
    static const procedures::Catalogue c = [] {
        auto load = procedures::loadCatalogue(std::string(GUICHET_SOURCE_DIR) + "/config/procedures");
        REQUIRE(load.ok());
        return std::move(load.catalogue);
    }();
    return c;
}

procedures::Diagnostics check(const std::string& toml) {
    auto cfg = outbox::parseOutboxConfig(toml, "outbox.toml");
    REQUIRE(cfg.ok());
    return upload::checkConnectorMappings(catalogue(), *cfg, "outbox.toml");
}

const char* kBase = R"(
[routes]
acte-naissance = "directory"
acte-deces = "directory"
acte-mariage = "directory"
avis = "directory"
rdv-titres = "directory"
paiement-facture = "directory"
signalement = "directory"
[connectors.directory]
path = "/srv/depot"
[connectors.wcs]
url = "https://demarches.example.fr"
orig = "borne"
key = "k"
formdefs = { inscription-listes = "inscription" }
)";

}  // namespace

TEST_CASE("upload.checks a w.c.s. field mapping that leaves a document out fails at the field's line") {
    auto d = check(std::string(kBase) + R"(
[connectors.wcs.fields.inscription-listes]
piece_identite = "carte_identite"
nom_naissance = "nom"
)");
    REQUIRE(d.size() == 1);
    CHECK(d[0].file.find("inscription-listes.toml") != std::string::npos);
    CHECK(d[0].line == 314);  // the [[steps.fields]] of justificatif_domicile
    CHECK(d[0].message.find("le document « justificatif_domicile » n'a pas de champ w.c.s.") != std::string::npos);
    CHECK(d[0].message.find("[connectors.wcs.fields.inscription-listes]") != std::string::npos);
}

TEST_CASE("upload.checks without a field mapping every document goes to its own field: nothing to report") {
    CHECK(check(kBase).empty());
}

TEST_CASE("upload.checks a route to a connector that is not configured, a w.c.s. form not named") {
    auto d = check(R"(
[routes]
signalement = "open311"
[connectors.wcs]
url = "https://demarches.example.fr"
orig = "borne"
key = "k"
)");
    bool open311 = false, formdef = false;
    for (const auto& x : d) {
        open311 |= x.message.find("« signalement » part vers le connecteur « open311 », absent de outbox.toml") != std::string::npos;
        formdef |= x.message.find("« inscription-listes » part vers w.c.s. sans formulaire") != std::string::npos;
    }
    CHECK(open311);
    CHECK(formdef);
}

TEST_CASE("upload.checks the shipped outbox.toml reaches a back office for every procedure") {
    auto cfg = outbox::loadOutboxConfig(std::string(GUICHET_SOURCE_DIR) + "/config/outbox.toml");
    REQUIRE(cfg.ok());
    CHECK(upload::checkConnectorMappings(catalogue(), *cfg, "outbox.toml").empty());
}

TEST_CASE("upload.open311 description: the resident's text is cut, the marker kept, 4000 characters not bytes") {
    const std::string marker = "[Guichet GU-7K3M-9QX2 0c1f6c9e-8e0b-4a8e-9d0a-3f1e2d4c5b6a]";
    // French text: 2 bytes a character for é; 5000 characters, 10000 bytes.
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "é";
    auto d = upload::open311Description(text, marker);
    CHECK(upload::utf8Length(d) == 4000);
    CHECK(d.size() > 4000);  // bytes: more than the characters
    CHECK(d.substr(d.size() - marker.size()) == marker);
    CHECK(d.find("é\u2026\n\n[Guichet") != std::string::npos);  // cut at a character, marked
    // 3540 characters of French fit whole (the old cut at 4000 bytes lost them).
    std::string fits;
    for (int i = 0; i < 3900; ++i) fits += (i % 2 ? "é" : "e");
    auto whole = upload::open311Description(fits, marker);
    CHECK(whole == fits + "\n\n" + marker);
    // Short texts are untouched, markup neutralised.
    CHECK(upload::open311Description("trou <b>", marker) == "trou  b \n\n" + marker);
}

TEST_CASE("upload.open311 service_code: the choice mapped, the default for an unmapped or absent choice") {
    outbox::Open311Config o;
    o.url = "http://127.0.0.1:9";
    outbox::Open311Service svc;
    svc.serviceCode = "divers";
    svc.serviceCodes = {{"eclairage", "lampadaire"}};
    svc.fields = {{"service_code", "service_code"}, {"address_string", "address_string"}};
    o.services["signalement"] = svc;
    Submission sub;
    sub.procedureId = "signalement";
    sub.answers = {{"service_code", "eclairage"}, {"address_string", "Place de la mairie"}};
    auto codeOf = [&](const upload::Open311Connector& c) {
        auto p = c.requestParams(sub);
        REQUIRE(p.ok());
        for (const auto& [k, v] : *p)
            if (k == "service_code") return v;
        return std::string();
    };
    CHECK(codeOf(upload::Open311Connector(o, {})) == "lampadaire");
    sub.answers["service_code"] = "proprete";
    CHECK(codeOf(upload::Open311Connector(o, {})) == "divers");
    sub.answers.erase("service_code");
    CHECK(codeOf(upload::Open311Connector(o, {})) == "divers");
    // No table: the choice values are the town's codes (signalement.toml's promise).
    o.services["signalement"].serviceCodes.clear();
    sub.answers["service_code"] = "proprete";
    CHECK(codeOf(upload::Open311Connector(o, {})) == "proprete");
}
