// [appliance] in terminal.toml: defaults, every key, and file:line errors.
#include <catch2/catch.hpp>

#include "kiosk/appliance/appliance_config.hpp"

using namespace guichet;

namespace {
Result<appliance::ApplianceConfig> parse(const std::string& text) {
    auto t = parseTerminalConfig(text, "/etc/guichet/terminal.toml");
    REQUIRE(t);
    t->sourcePath = "/etc/guichet/terminal.toml";
    return appliance::applianceConfigFrom(*t);
}
}  // namespace

TEST_CASE("appliance.config_defaults_and_keys", "[appliance]") {
    auto d = parse("[terminal]\nid = \"b\"\n");
    REQUIRE(d);
    CHECK(d->heartbeatSeconds == 15);
    CHECK(d->metricsFile.empty());
    auto c = parse("[appliance]\nstate_dir = \"state\"\nmetrics_file = \"/var/lib/guichet-metrics/g.prom\"\n"
                   "heartbeat_seconds = 5\nstale_seconds = 30\nqueue_degraded_seconds = 600\n");
    REQUIRE(c);
    CHECK(c->stateDir == "/etc/guichet/state");  // relative to the file
    CHECK(c->metricsFile == "/var/lib/guichet-metrics/g.prom");
    CHECK(appliance::heartbeatPath(*c) == "/etc/guichet/state/heartbeat.json");
    CHECK(appliance::outboxDatabasePath(*c) == "/etc/guichet/state/outbox.sqlite");
}

TEST_CASE("appliance.config_errors_name_the_line", "[appliance]") {
    auto a = parse("[appliance]\nheartbeat_seconds = 0\n");
    REQUIRE_FALSE(a);
    CHECK(a.error().message.find("terminal.toml:2: appliance.heartbeat_seconds") != std::string::npos);
    auto b = parse("[appliance]\n\nmetrics = \"x\"\n");
    REQUIRE_FALSE(b);
    CHECK(b.error().message.find("terminal.toml:3: unknown key appliance.metrics") != std::string::npos);
    auto c = parse("[appliance]\nheartbeat_seconds = 30\nstale_seconds = 20\n");
    REQUIRE_FALSE(c);
    CHECK(c.error().message.find("stale_seconds must be longer") != std::string::npos);
}
