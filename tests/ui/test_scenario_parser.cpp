// Scenario files: bad lines are reported as file:line before anything runs.
#include <catch2/catch.hpp>

#include "ui/scenario/scenario.hpp"

using namespace guichet::ui;

TEST_CASE("ui.scenario parses steps, quotes and comments", "[ui]") {
    auto r = parseScenario("# a comment\n\ntap \"Demander un acte\"   # trailing\nkey tab\nexpect \"dit \\\"oui\\\"\"\n", "s.scn");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 3);
    CHECK((*r)[0].name == "tap");
    CHECK((*r)[0].args == std::vector<std::string>{"Demander un acte"});
    CHECK((*r)[0].line == 3);
    CHECK((*r)[2].args[0] == "dit \"oui\"");
}

TEST_CASE("ui.scenario unknown steps and bad lines name file and line", "[ui]") {
    auto r = parseScenario("tap \"ok\"\nfly \"away\"\ntap \"unterminated\nkey\nwait 2s 3s\n", "bad.scn");
    REQUIRE_FALSE(r.ok());
    const std::string& m = r.error().message;
    CHECK(m.find("bad.scn:2: unknown step 'fly'") != std::string::npos);
    CHECK(m.find("bad.scn:3: unterminated quote") != std::string::npos);
    CHECK(m.find("bad.scn:4: 'key' takes 1 argument(s)") != std::string::npos);
    CHECK(m.find("bad.scn:5: 'wait' takes 1 argument(s)") != std::string::npos);
    CHECK(m.find("bad.scn:1") == std::string::npos);
}

TEST_CASE("ui.scenario durations", "[ui]") {
    CHECK(parseDuration("2s").value() == std::chrono::milliseconds(2000));
    CHECK(parseDuration("500ms").value() == std::chrono::milliseconds(500));
    CHECK(parseDuration("1.5s").value() == std::chrono::milliseconds(1500));
    CHECK(parseDuration("2min").value() == std::chrono::milliseconds(120000));
    CHECK_FALSE(parseDuration("2").ok());
    CHECK_FALSE(parseDuration("soon").ok());
    CHECK_FALSE(parseDuration("-1s").ok());
    CHECK_FALSE(parseScenario("", "x").value().size());
}

TEST_CASE("ui.scenario a missing file is a one-line error", "[ui]") {
    auto r = loadScenario("/nonexistent.scn");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "/nonexistent.scn:0: cannot read the scenario file");
}

#include "ui/core/cli_options.hpp"

namespace {
std::string g_cliValue;
GUICHET_CLI_OPTION("--test-option", "VALUE", "an option a test area adds", [](const std::string& v) { g_cliValue = v; });
}  // namespace

TEST_CASE("ui.other areas add command-line options without editing main", "[ui]") {
    const guichet::ui::CliOption* o = guichet::ui::findCliOption("--test-option");
    REQUIRE(o);
    CHECK(o->valueName == "VALUE");
    o->apply("x.log");
    CHECK(g_cliValue == "x.log");
    CHECK(guichet::ui::findCliOption("--nonexistent") == nullptr);
}
