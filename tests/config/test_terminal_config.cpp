// The terminal's TOML settings: the shipped sample loads, and every kind of mistake gives
// one line naming the file and the line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <toml++/toml.h>

#include "kiosk/config/terminal_config.hpp"

using namespace guichet;

namespace {
std::string errorOf(const std::string& text) {
    auto r = parseTerminalConfig(text, "terminal.toml");
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}
}  // namespace

TEST_CASE("config.the shipped terminal.toml loads", "[config]") {
    auto r = loadTerminalConfig(std::string(GUICHET_SOURCE_DIR) + "/config/terminal.toml");
    REQUIRE(r.ok());
    CHECK(r->terminalId == "borne-accueil-01");
    CHECK(r->kiosk);
    CHECK(r->timeouts.idle == std::chrono::seconds(90));
    CHECK(r->timeouts.warning == std::chrono::seconds(30));
    CHECK(r->timeouts.accessibilityFactor == 2.0);
    CHECK(r->debounceMs == 300);
    // The catalogue's informations.toml has the town's pages; no contact page names
    // another town here (the defaults keep only the opening hours).
    for (const auto& page : r->information) CHECK(page.body.find("Saint-Exemple") == std::string::npos);
    REQUIRE(r->table);
}

TEST_CASE("config.syntax errors name the file and line", "[config]") {
    CHECK(errorOf("[terminal]\nid = \"a\"\nwelcome = \"unterminated\n").rfind("terminal.toml:3: ", 0) == 0);
    CHECK(errorOf("[terminal\n").rfind("terminal.toml:1: ", 0) == 0);
}

TEST_CASE("config.the town is not named in terminal.toml: _commune.toml is its one place", "[config]") {
    CHECK(errorOf("[terminal]\nid = \"a\"\ntown = \"Mairie de Saint-Exemple\"\n").rfind(
              "terminal.toml:3: 'town' is no longer set here: the town is named once, in the catalogue's _commune.toml", 0) == 0);
}

TEST_CASE("config.unknown keys, wrong types and out-of-range values are errors with their line", "[config]") {
    CHECK(errorOf("[terminal]\nid = \"a\"\ntonw = \"typo\"\n") == "terminal.toml:3: unknown key 'tonw' in [terminal]");
    CHECK(errorOf("[session]\n\nidle_seconds = \"ninety\"\n") == "terminal.toml:3: 'idle_seconds' must be an integer");
    CHECK(errorOf("[session]\nwarning_seconds = 5\n") ==
          "terminal.toml:2: 'warning_seconds' must be between 20 and 600 (got 5)");
    CHECK(errorOf("[input]\ndebounce_ms = -1\n") == "terminal.toml:2: 'debounce_ms' must be between 0 and 2000 (got -1)");
    CHECK(errorOf("[terminal]\ndefault_language = \"tr\"\n") ==
          "terminal.toml:2: default_language 'tr' is not one of fr en es de pt it");
    CHECK(errorOf("terminal = 3\n") == "terminal.toml:1: 'terminal' must be a table ([terminal])");
    CHECK(errorOf("[session]\naccessibility_factor = 0.5\n") ==
          "terminal.toml:2: 'accessibility_factor' must be a number between 1 and 10");
    CHECK(errorOf("[[information]]\nbody = \"x\"\n") == "terminal.toml:1: [[information]] needs a non-empty title");
    // Several mistakes: every one is reported, in line order.
    std::string all = errorOf("[terminal]\nkiosk = \"yes\"\n[input]\ndebounce_ms = 99999\n");
    CHECK(all == "terminal.toml:2: 'kiosk' must be true or false\n"
                 "terminal.toml:4: 'debounce_ms' must be between 0 and 2000 (got 99999)");
}

TEST_CASE("config.short timeouts only when explicitly allowed (tests)", "[config]") {
    auto r = parseTerminalConfig("[session]\nallow_short_timeouts = true\nidle_seconds = 2\nwarning_seconds = 3\n", "t.toml");
    REQUIRE(r.ok());
    CHECK(r->timeouts.idle == std::chrono::seconds(2));
    CHECK(r->timeouts.warning == std::chrono::seconds(3));
}

TEST_CASE("config.other areas' tables are kept for them", "[config]") {
    auto r = parseTerminalConfig("[outbox]\npath = \"/var/lib/guichet\"\n", "t.toml");
    REQUIRE(r.ok());
    CHECK(r->table->at_path("outbox.path").value_or(std::string()) == "/var/lib/guichet");
    REQUIRE(r->information.size() == 1);  // defaults when the file has none: the hours only,
    CHECK(r->information[0].title == "Horaires d'ouverture");  // no made-up town contact (issue 14)
}

TEST_CASE("config.a missing or unreadable file is a one-line error", "[config]") {
    auto r = loadTerminalConfig("/nonexistent/terminal.toml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "/nonexistent/terminal.toml:0: cannot read the file (missing or not readable)");
    auto dir = std::filesystem::temp_directory_path();
    auto r2 = loadTerminalConfig(dir.string());  // a folder, not a file
    CHECK_FALSE(r2.ok());
}
