// Each file of bad/ holds one kind of mistake a town hall's staff can make; EXPECTED gives
// the one line the operator must see for it ("file:line: message").
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/procedures/catalogue_gate.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"

using namespace guichet::procedures;
namespace fs = std::filesystem;

static const std::string kSource = GUICHET_SOURCE_DIR;

namespace {
CatalogueSettings shippedSettings() {
    CatalogueSettings s;
    Diagnostics d;
    parseSettingsFile(kSource + "/config/procedures/_commune.toml", s, d);
    REQUIRE(d.empty());
    return s;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("guichet-catalogue-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
        fs::create_directories(path);
    }
    ~TempDir() { std::error_code ec; fs::remove_all(path, ec); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};
}  // namespace

TEST_CASE("catalogue.bad files each give their one expected line", "[catalogue]") {
    auto settings = shippedSettings();
    std::ifstream expected(kSource + "/tests/procedures/bad/EXPECTED");
    std::string line;
    int cases = 0;
    while (std::getline(expected, line)) {
        auto colon = line.find(':');
        REQUIRE(colon != std::string::npos);
        std::string file = line.substr(0, colon);
        Diagnostics d;
        (void)parseProcedureFile(kSource + "/tests/procedures/bad/" + file, settings, d);
        INFO(file);
        REQUIRE(d.size() == 1);
        CHECK(fs::path(d[0].file).filename().string() + ":" + std::to_string(d[0].line) + ": " + d[0].message == line);
        ++cases;
    }
    CHECK(cases >= 12);
    // Every file of bad/ has its expectation, so a new case cannot be silently skipped.
    int files = 0;
    for (const auto& e : fs::directory_iterator(kSource + "/tests/procedures/bad"))
        if (e.path().extension() == ".toml") ++files;
    CHECK(files == cases);
}

TEST_CASE("catalogue.duplicate procedure ids across files are refused", "[catalogue]") {
    TempDir dir;
    fs::copy_file(kSource + "/config/procedures/_commune.toml", dir.path / "_commune.toml");
    fs::copy_file(kSource + "/config/procedures/acte-deces.toml", dir.path / "a-deces.toml");
    fs::copy_file(kSource + "/config/procedures/acte-deces.toml", dir.path / "b-deces.toml");
    auto load = loadCatalogue(dir.path.string());
    REQUIRE(load.diagnostics.size() == 1);
    CHECK(load.diagnostics[0].format() == (dir.path / "b-deces.toml").string() +
                                              ":1: identifiant de démarche « acte-deces » déjà utilisé par " +
                                              (dir.path / "a-deces.toml").string());
}

TEST_CASE("catalogue.bad town settings are refused with their line", "[catalogue]") {
    TempDir dir;
    dir.write("_commune.toml", "[town]\nname = \"Mairie\"\n\n[[postal_codes]]\ncode = \"4599\"\ncommunes = [\"X\"]\n\n"
                               "[calendars.titres]\nslot_minutes = 20\n[[calendars.titres.ranges]]\ndays = [\"lundi\", \"lundy\"]\n"
                               "start = \"9h\"\nend = \"12:00\"\n");
    fs::copy_file(kSource + "/config/procedures/avis.toml", dir.path / "avis.toml");
    auto load = loadCatalogue(dir.path.string());
    std::vector<std::string> lines;
    for (const auto& d : load.diagnostics) lines.push_back(fs::path(d.file).filename().string() + ":" + std::to_string(d.line) + ": " + d.message);
    CHECK(lines == std::vector<std::string>{
                       "_commune.toml:5: code postal « 4599 » invalide (5 chiffres)",
                       "_commune.toml:11: jour « lundy » inconnu (lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche)",
                       "_commune.toml:12: heure « 9h » illisible (écrire HH:MM, par exemple 09:00)"});
}

TEST_CASE("catalogue.the terminal refuses to start on an invalid catalogue with the same lines", "[catalogue]") {
    TempDir dir;
    fs::copy_file(kSource + "/config/procedures/_commune.toml", dir.path / "_commune.toml");
    fs::copy_file(kSource + "/tests/procedures/bad/unknown-key.toml", dir.path / "unknown-key.toml");
    fs::copy_file(kSource + "/config/procedures/avis.toml", dir.path / "avis.toml");
    auto gate = openCatalogueOrRefuse(dir.path.string());
    CHECK_FALSE(gate.ok());
    CHECK(gate.report == (dir.path / "unknown-key.toml").string() +
                             ":16: clé inconnue « requierd » dans le champ « nom » (vouliez-vous dire « required » ?)\n");
}

TEST_CASE("catalogue.an empty folder or one without _commune.toml is refused", "[catalogue]") {
    TempDir dir;
    auto load = loadCatalogue(dir.path.string());
    REQUIRE(load.diagnostics.size() == 1);
    CHECK(load.diagnostics[0].message.find("_commune.toml manquant") != std::string::npos);
}
