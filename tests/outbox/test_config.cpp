// config/outbox.toml: the sample parses, mistakes are reported as file:line.
#include <catch2/catch.hpp>

#include "kiosk/outbox/outbox_config.hpp"

using namespace guichet;
using namespace guichet::outbox;

TEST_CASE("outbox.config sample parses with the documented defaults") {
    auto cfg = loadOutboxConfig(std::string(GUICHET_SOURCE_DIR) + "/config/outbox.toml");
    REQUIRE(cfg.ok());
    CHECK(cfg->database == "/var/lib/guichet/outbox.sqlite");
    CHECK(cfg->retentionDays == 30);
    CHECK(cfg->backoff.baseMs == 2000);
    CHECK(cfg->backoff.capMs == 600000);
    REQUIRE(cfg->directory);
    CHECK(cfg->directory->path == "/srv/guichet/depot");
    CHECK(cfg->routes.at("acte-naissance") == "directory");
    CHECK_FALSE(cfg->webhook);
}

TEST_CASE("outbox.config full connectors and relative paths") {
    auto cfg = parseOutboxConfig(R"(
[outbox]
database = "data/o.sqlite"
[connectors.open311]
url = "http://x/v2"
api_key = "k"
[connectors.open311.services.voirie]
service_code = "pothole"
fields = { description = "texte", lat = "lat", long = "lon" }
attributes = { DEPTH = "profondeur" }
[connectors.wcs]
url = "http://w"
orig = "borne"
key = "secret"
formdefs = { cantine = "inscription-cantine" }
)", "t.toml", "/etc/guichet");
    REQUIRE(cfg.ok());
    CHECK(cfg->database == "/etc/guichet/data/o.sqlite");
    CHECK(cfg->effectiveKeyFile() == "/etc/guichet/data/o.sqlite.key");
    CHECK(cfg->open311->services.at("voirie").fields.at("lat") == "lat");
    CHECK(cfg->open311->services.at("voirie").attributes.at("DEPTH") == "profondeur");
    CHECK(cfg->wcs->formdefs.at("cantine") == "inscription-cantine");
}

TEST_CASE("outbox.config errors say file:line and what is wrong") {
    struct Case {
        const char* text;
        const char* expect;
    } cases[] = {
        {"[outbox]\nretention_days = \"trente\"\n", "t.toml:2: 'retention_days' must be an integer"},
        {"[outbox]\n\nretention_jours = 3\n", "t.toml:3: unknown key 'retention_jours'"},
        {"[upload]\nbackoff_base_ms = 0\n", "t.toml:2: 'backoff_base_ms' must be between 1"},
        {"[routes]\nacte = \"ftp\"\n", "t.toml:2: unknown connector 'ftp'"},
        {"[connectors.webhook]\nurl = \"http://x\"\n", "t.toml:1: 'secret' is required"},
        {"[outbox\n", "t.toml:1:"},
        {"[outbox]\nintegrity_check = \"sometimes\"\n", "t.toml:2: 'integrity_check' must be quick, full or off"},
        {"[connectors.open311]\nurl = \"u\"\n[connectors.open311.services.x]\nservice_code = \"c\"\nfields = { colour = \"c\" }\n",
         "'colour' is not an Open311 request parameter"},
    };
    for (const auto& c : cases) {
        auto cfg = parseOutboxConfig(c.text, "t.toml");
        INFO(c.text);
        REQUIRE_FALSE(cfg.ok());
        CHECK(cfg.error().message.find(c.expect) != std::string::npos);
        CHECK(cfg.error().message.rfind("t.toml:", 0) == 0);
    }
    auto missing = loadOutboxConfig("/nonexistent/outbox.toml");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("/nonexistent/outbox.toml") != std::string::npos);
}
