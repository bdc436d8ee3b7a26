// The pure parts of the catalogue import: names, HTML to text, the Open311 and w.c.s.
// mappings on odd but real inputs, the upstream diff, and that the writer's output is read
// back by the real catalogue loader (what `catalogue check` and the terminal use).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/catalogue_import/catalogue_writer.hpp"
#include "kiosk/catalogue_import/open311_import.hpp"
#include "kiosk/catalogue_import/reimport_diff.hpp"
#include "kiosk/catalogue_import/wcs_import.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/translation_check.hpp"

using namespace guichet;
using namespace guichet::catalogue_import;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

procedures::CatalogueLoad loadWritten(const UpstreamProcedure& p, const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("guichet-import-unit-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "_commune.toml") << "[town]\nname.fr = \"Mairie de Test\"\n";
    std::ofstream(dir / (p.id + ".toml")) << procedureToml(p);
    return procedures::loadCatalogue(dir.string());
}

UpstreamProcedure sample() {
    json service = {{"service_code", 42}, {"service_name", "Banc \"cassé\" \\ abîmé"}, {"metadata", true}, {"group", "Mobilier"}};
    json def = {{"attributes",
                 json::array({{{"code", "NB"}, {"datatype", "number"}, {"required", true}, {"order", "2"}, {"variable", true},
                               {"description", "Combien ?"}},
                              {{"code", "TYPE"}, {"datatype", "singlevaluelist"}, {"required", "false"}, {"order", 1},
                               {"description", "Quel banc ?"},
                               {"values", json::array({{{"key", 1}, {"name", "En bois"}}, {{"key", 2}, {"name", ""}}})}}})}};
    auto p = open311Procedure(service, def, "test");
    REQUIRE(p.ok());
    return *p;
}

}  // namespace

TEST_CASE("catalogue_import.names: slugs are ASCII, accents folded, never a leading digit for field ids") {
    CHECK(slugify("Nid-de-poule ou chaussée abîmée", '-') == "nid-de-poule-ou-chaussee-abimee");
    CHECK(slugify("Œuvre d'Ève", '_') == "oeuvre_d_eve");
    CHECK(slugify("001", '_') == "c_001");
    CHECK(slugify("001", '-') == "001");
    CHECK(slugify("  ", '_') == "champ");
}

TEST_CASE("catalogue_import.html: w.c.s. comments and hints become plain text") {
    CHECK(plainText("<p>Régime&nbsp;particulier, <strong>utile</strong>&nbsp;:</p>\n<p>ici</p>") == "Régime particulier, utile : ici");
    CHECK(plainText("L&#39;école &amp; la cantine") == "L'école & la cantine");
}

TEST_CASE("catalogue_import.open311: numbers as codes, booleans as strings or not, order as string, a nameless value") {
    auto p = sample();
    CHECK(p.id == "signalement-42");
    REQUIRE(p.steps.size() == 1);
    const auto& f = p.steps[0].fields;
    REQUIRE(f.size() == 2);
    CHECK(f[0].fieldId == "type");  // order 1 before order "2"
    CHECK(f[0].choices[0].key == "1");
    CHECK(f[0].required == false);
    CHECK(f[1].type == procedures::FieldType::Number);
    CHECK(f[1].required == true);
}

TEST_CASE("catalogue_import.open311: an unknown datatype and a list without values are refused, naming the attribute") {
    json service = {{"service_code", "x"}, {"service_name", "X"}, {"metadata", "true"}};
    auto bad = open311Procedure(service, {{"attributes", json::array({{{"code", "Z"}, {"datatype", "geometry"}}})}}, "URL");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "URL : l'attribut « Z » a le type « geometry », inconnu de GeoReport v2 (string, number, datetime, "
                                 "text, singlevaluelist, multivaluelist)");
    auto empty = open311Procedure(service, {{"attributes", json::array({{{"code", "L"}, {"datatype", "multivaluelist"}}})}}, "URL");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message.find("« L » est une liste (multivaluelist) sans aucune valeur") != std::string::npos);
    auto noList = open311Procedure(service, json::object(), "URL");
    REQUIRE_FALSE(noList.ok());
}

TEST_CASE("catalogue_import.wcs: required spelled three ways, a data-source list, a page of comments only") {
    json entry = {{"slug", "demande"}, {"title", "Demande"}};
    json schema = {{"fields", json::array({
                                  {{"id", "1"}, {"type", "page"}, {"label", "Avant"}},
                                  {{"id", "2"}, {"type", "comment"}, {"label", "<p>Lisez ceci.</p>"}},
                                  {{"id", "3"}, {"type", "page"}, {"label", "Vous"}},
                                  {{"id", "4"}, {"type", "string"}, {"label", "Nom"}, {"varname", "nom"}, {"required", "frontoffice"}},
                                  {{"id", "5"}, {"type", "item"}, {"label", "Quartier"}, {"varname", "quartier"}, {"required", true},
                                   {"data_source", {{"type", "json"}, {"value", "https://…"}}}},
                                  {{"id", "6"}, {"type", "text"}, {"label", "Texte"}, {"required", "optional"}},
                              })}};
    auto p = wcsProcedure(entry, schema, "URL");
    REQUIRE(p.ok());
    REQUIRE(p->steps.size() == 1);
    CHECK(p->steps[0].help == "Lisez ceci.");  // carried to the next page that asks something
    const auto& f = p->steps[0].fields;
    REQUIRE(f.size() == 3);
    CHECK(f[0].required);
    CHECK(f[1].type == procedures::FieldType::Text);  // no fixed items: asked as text, and said
    CHECK(f[2].fieldId == "champ_6");
    CHECK_FALSE(f[2].required);
    CHECK(p->notes.size() == 2);
    auto none = wcsProcedure(entry, {{"fields", json::array({{{"id", "1"}, {"type", "comment"}, {"label", "x"}}})}}, "URL");
    REQUIRE_FALSE(none.ok());
}

TEST_CASE("catalogue_import.diff: added, removed, retyped, required, relabelled, choices") {
    auto before = sample();
    auto now = before;
    auto& fields = now.steps[0].fields;
    fields[0].choices.push_back({"3", "En métal"});
    fields[0].label = "Quel banc est abîmé ?";
    fields[1].sourceType = "string";
    fields[1].type = procedures::FieldType::Text;
    fields[1].required = false;
    UpstreamField added = fields[1];
    added.key = "attribute:NEW";
    added.fieldId = "new";
    fields.push_back(added);
    fields.erase(fields.begin());  // TYPE removed (its changes above go with it)
    auto changes = diffUpstream(before, now);
    using K = UpstreamChange::Kind;
    std::vector<K> kinds;
    for (const auto& c : changes) kinds.push_back(c.kind);
    CHECK(kinds == std::vector<K>{K::Retyped, K::Required, K::Added, K::Removed});
    CHECK(diffUpstream(before, before).empty());
}

TEST_CASE("catalogue_import.writer: the file is read by the real loader, quotes and backslashes intact, placeholders warned") {
    auto p = sample();
    auto load = loadWritten(p, "writer");
    for (const auto& d : load.diagnostics) INFO(d.format());
    REQUIRE(load.ok());
    const auto* proc = load.catalogue.find("signalement-42");
    REQUIRE(proc);
    CHECK(proc->title.fr() == "Banc \"cassé\" \\ abîmé");
    CHECK(proc->connector == "open311");
    const auto* type = proc->findField("type");
    REQUIRE(type);
    CHECK(type->choices.at(1).label.fr().rfind("[À COMPLÉTER]", 0) == 0);
    CHECK(proc->findField("address_string"));
    procedures::Diagnostics warnings;
    procedures::checkPlaceholders(load.catalogue, "_commune.toml", warnings);
    CHECK(warnings.size() == 2);  // the nameless choice and the FALC
}

TEST_CASE("catalogue_import.writer: the same upstream gives the same bytes, through the snapshot too") {
    auto p = sample();
    CHECK(procedureToml(p) == procedureToml(fromSnapshot(toSnapshot(p))));
    auto changed = p;
    changed.steps[0].fields[0].label = "Autre";
    CHECK(procedureToml(changed) != procedureToml(p));
}
