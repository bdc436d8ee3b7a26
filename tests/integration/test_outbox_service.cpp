// The terminal's outbox service over a real SQLite file and the real uploader: it refuses
// with the resident's message while the database cannot be opened, opens on the next
// demand once it can, and its default routing delivers everything into the spool.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ui/integration/integration_config.hpp"
#include "kiosk/outbox/outbox_open.hpp"
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

// An outbox whose demands go to a shared folder, in a folder of its own removed at the end.
struct DirectoryOutbox {
    fs::path dir = fs::temp_directory_path() / ("guichet-outbox-service-" + newUuid());
    outbox::OutboxConfig cfg;
    DirectoryOutbox() {
        fs::create_directories(dir / "share");
        cfg.database = (dir / "outbox.sqlite").string();
        cfg.directory = outbox::DirectoryConfig{(dir / "share").string()};
    }
    ~DirectoryOutbox() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

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
    DirectoryOutbox box;
    const fs::path& dir = box.dir;
    outbox::OutboxConfig& cfg = box.cfg;
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
}

namespace {

// A large outbox built by SQL (seconds, not minutes): `count` demands already sent, each with
// a 2 KiB sealed-looking payload, so that the integrity check has a real file to read.
void fillSentDemands(const outbox::OutboxConfig& cfg, int count) {
    auto store = outbox::OutboxStore::open(outbox::storeOptionsFrom(cfg));
    REQUIRE(store);
    auto& db = (*store)->db();
    REQUIRE(db.exec("BEGIN"));
    outbox::Stmt rows = db.prepare(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)"
        " INSERT INTO submissions (uuid, reference, procedure_id, procedure_version, connector, language, terminal_id,"
        " created_at, stored_at_ms, state, next_attempt_at_ms, sent_at_ms, payload_bytes, attachment_bytes, attachment_count)"
        " SELECT printf('00000000-0000-4000-8000-%012d', i), printf('BIG-%06d', i), 'signalement', 1, 'directory', 'fr',"
        " 'borne-test', 0, ?2, 'sent', 0, ?2, 2048, 0, 0 FROM n");
    rows.bind(1, count).bind(2, outbox::nowMs());
    REQUIRE(rows.run());
    REQUIRE(db.exec("INSERT INTO payloads (submission_id, sealed) SELECT id, randomblob(2048) FROM submissions"));
    REQUIRE(db.exec("COMMIT"));
}

bool sendingWithin(OutboxService& service, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!service.sending() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return service.sending();
}

}  // namespace

TEST_CASE("integration.a large outbox opens without waiting for its integrity check, and nothing leaves before it passed",
          "[integration]") {
    DirectoryOutbox box;
    outbox::OutboxConfig& cfg = box.cfg;
    cfg.integrityCheck = "full";  // the slower check: the wider the gap a synchronous one would show
    fillSentDemands(cfg, 40000);  // its full check: ~0.3 s here, the margin of the first CHECK below

    OutboxService service(cfg);
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(service.open());
    const auto openMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    // Open returned while the check still runs: a check done inside open() would be over.
    CHECK_FALSE(service.sending());
    Submission s = sample("directory");
    REQUIRE(service.store(s));  // storing does not wait for the check either
    auto entry = service.find(s.uuid);
    REQUIRE(entry);
    CHECK(entry->state == outbox::State::Queued);
    REQUIRE(sendingWithin(service, std::chrono::seconds(60)));
    const auto checkedMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    INFO("open " << openMs.count() << " ms, sending after " << checkedMs.count() << " ms");
    CHECK(openMs < checkedMs);
    CHECK(deliveredWithin(service, s.uuid, std::chrono::seconds(10)));
    service.stop();
}

TEST_CASE("integration.a corrupt outbox found by the background check is reported, then every demand is refused",
          "[integration]") {
    DirectoryOutbox box;
    const fs::path& dir = box.dir;
    outbox::OutboxConfig& cfg = box.cfg;
    fillSentDemands(cfg, 3000);
    const auto size = fs::file_size(cfg.database);
    REQUIRE(size > 64 * 8192);
    {
        // Junk over pages in the middle of the file (payload pages): opening reads only the
        // schema and the key check, so only the integrity check can find this.
        std::fstream f(cfg.database, std::ios::in | std::ios::out | std::ios::binary);
        const std::string junk(8192 * 4, '\xA5');
        f.seekp(static_cast<std::streamoff>(size / 2 / 8192 * 8192));
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    OutboxService service(cfg);
    (void)service.open();  // the check runs in the background: opening itself may succeed
    // The check's verdict, as before: the file moved aside and the operator's marker.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!fs::exists(dir / "outbox.sqlite.corrupt-alert") && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(fs::exists(dir / "outbox.sqlite.corrupt-alert"));
    std::ifstream alert(dir / "outbox.sqlite.corrupt-alert");
    std::string line;
    std::getline(alert, line);
    CHECK(line.find("OPERATOR ALERT") != std::string::npos);
    CHECK(line.find("guichetctl outbox ack-corrupt") != std::string::npos);
    CHECK_FALSE(service.sending());
    // From now on every demand is refused with the resident's message, and nothing is sent.
    Submission s = sample("directory");
    auto refused = service.store(s);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == outbox::kStoreFailedMessage);
    CHECK_FALSE(service.isOpen());
    CHECK(fs::is_empty(dir / "share"));
    int aside = 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind("outbox.sqlite.corrupt-2", 0) == 0 &&
            e.path().filename().string().find("-wal") == std::string::npos &&
            e.path().filename().string().find("-shm") == std::string::npos)
            ++aside;
    CHECK(aside == 1);
    service.stop();
}
