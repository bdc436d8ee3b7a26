// The terminal's outbox service over a real SQLite file and the real uploader: it refuses
// with the resident's message while the database cannot be opened, opens on the next
// demand once it can, and its default routing delivers everything into the spool.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ui/integration/integration_config.hpp"
#include "ui/integration/outbox_service.hpp"

using namespace guichet;
using namespace guichet::ui::integration;
namespace fs = std::filesystem;

namespace {

Submission sample(const std::string& connector) {
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = "signalement";
    s.connector = connector;
    s.language = "fr";
    s.terminalId = "borne-test";
    s.createdAt = 1795900000;
    s.answers = {{"description", "Lampadaire éteint"}};
    return s;
}

bool deliveredWithin(OutboxService& service, const std::string& uuid, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto e = service.find(uuid);
        if (e && e->state == outbox::State::Sent) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace

TEST_CASE("integration.outbox refuses while it cannot open, then opens on the next demand", "[integration]") {
    fs::path dir = fs::temp_directory_path() / ("guichet-outbox-service-" + newUuid());
    fs::create_directories(dir);
    // A file where the data folder should be: nothing can be created under it.
    std::ofstream(dir / "data") << "not a folder";
    auto setup = outboxConfigFor(TerminalConfig::defaults(), (dir / "data").string());
    REQUIRE(setup);
    OutboxService service(setup->config, setup->forcedConnector);
    CHECK_FALSE(service.open());

    Submission first = sample("open311");
    auto refused = service.store(first);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == outbox::kStoreFailedMessage);
    CHECK_FALSE(service.isOpen());

    fs::remove(dir / "data");  // the operator frees the place
    REQUIRE(service.store(first));
    CHECK(service.isOpen());
    CHECK(service.lastUuid() == first.uuid);
    // open311 is not configured here: the default routing sends it to the spool.
    CHECK(deliveredWithin(service, first.uuid, std::chrono::seconds(10)));
    auto entry = service.find(first.uuid);
    REQUIRE(entry);
    CHECK(entry->connector == "directory");
    CHECK(fs::is_regular_file(dir / "data" / "spool" / first.uuid / "submission.json"));
    CHECK(first.connector == "open311");  // the caller's submission is left as it was
    service.stop();
    fs::remove_all(dir);
}

TEST_CASE("integration.an outbox file's routes are kept (no forced connector)", "[integration]") {
    fs::path dir = fs::temp_directory_path() / ("guichet-outbox-service-" + newUuid());
    fs::create_directories(dir / "share");
    outbox::OutboxConfig cfg;
    cfg.database = (dir / "outbox.sqlite").string();
    cfg.directory = outbox::DirectoryConfig{(dir / "share").string()};
    OutboxService service(cfg);
    REQUIRE(service.open());
    Submission s = sample("webhook");  // no webhook configured: it must wait, not go elsewhere
    REQUIRE(service.store(s));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto entry = service.find(s.uuid);
    REQUIRE(entry);
    CHECK(entry->connector == "webhook");
    CHECK(entry->state == outbox::State::Queued);
    CHECK(fs::is_empty(dir / "share"));
    service.stop();
    fs::remove_all(dir);
}
