// The directory connector: one complete folder per submission, written atomically.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>

#include "kiosk/upload/connector.hpp"
#include "tests/outbox/failing_vfs.hpp"
#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("upload.directory writes submission.json and the attachments, nothing half-written") {
    UploadBench b;
    fs::create_directory(b.dir / "depot");
    b.cfg.directory = outbox::DirectoryConfig{b.dir / "depot"};
    auto store = b.open();
    auto sub = sampleSubmission(1, "directory", "acte-naissance", 150000);
    sub.attachments[0].name = "../../etc/passwd";  // a hostile name stays inside the folder
    REQUIRE(store->store(sub).ok());
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);

    const fs::path folder = b.dir / ("depot/" + sub.uuid);
    REQUIRE(fs::is_directory(folder));
    auto doc = json::parse(readWholeFile(folder / "submission.json"));
    CHECK(doc["uuid"] == sub.uuid);
    CHECK(doc["answers"] == sub.answers);
    CHECK(doc["attachments"][0]["file"] == "1-_.._etc_passwd");
    CHECK(doc["attachments"][0]["size"] == 150000);
    const std::string data = readWholeFile(folder / "1-_.._etc_passwd");
    CHECK(Bytes(data.begin(), data.end()) == sub.attachments[0].data);
    for (auto& e : fs::directory_iterator(b.dir / "depot"))
        CHECK(e.path().filename().string().rfind(".incoming", 0) != 0);  // no staging left
    CHECK(entryOf(*store, sub.uuid).state == outbox::State::Sent);
}

TEST_CASE("upload.directory after a crash between writing and recording: not written twice") {
    UploadBench b;
    fs::create_directory(b.dir / "depot");
    b.cfg.directory = outbox::DirectoryConfig{b.dir / "depot"};
    auto store = b.open();
    auto sub = sampleSubmission(2, "directory", "acte-naissance", 1000);
    REQUIRE(store->store(sub).ok());
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);
    // As if the process died before recording "sent": the row is back in sending.
    REQUIRE(store->db().exec("UPDATE submissions SET state = 'sending'").ok());
    fs::create_directory(b.dir / ("depot/.incoming-" + sub.uuid));  // and a stale staging folder
    const auto before = fs::last_write_time(b.dir / ("depot/" + sub.uuid + "/submission.json"));
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(report->recovered == 1);
    CHECK(report->sent == 1);
    CHECK(fs::last_write_time(b.dir / ("depot/" + sub.uuid + "/submission.json")) == before);
    CHECK(entryOf(*store, sub.uuid).ambiguous == 1);
}

TEST_CASE("upload.directory unreachable share: retried later, nothing lost") {
    UploadBench b;
    b.cfg.directory = outbox::DirectoryConfig{b.dir / "share-not-mounted"};
    b.cfg.backoff = {1, 5, 100};
    auto store = b.open();
    auto sub = sampleSubmission(3, "directory", "acte-naissance", 10);
    REQUIRE(store->store(sub).ok());
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(report->retried == 1);
    auto e = entryOf(*store, sub.uuid);
    CHECK(e.state == outbox::State::Queued);
    CHECK(e.lastError.find("not reachable") != std::string::npos);
    fs::create_directory(b.dir / "share-not-mounted");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);
}

TEST_CASE("upload.a transient read error while loading a submission is retried, never rejected") {
    registerFailingVfs();
    UploadBench b;
    fs::create_directory(b.dir / "depot");
    b.cfg.directory = outbox::DirectoryConfig{b.dir / "depot"};
    auto sub = sampleSubmission(7, "directory", "acte-naissance", 60000);
    {
        auto store = b.open();
        REQUIRE(store->store(sub).ok());
    }
    auto connector = upload::makeConnector("directory", b.cfg);
    REQUIRE(connector.ok());
    auto options = b.options();
    options.vfs = kFailingVfs;
    // As the uploader's worker opens it (uploader.cpp: checked once, before the workers):
    // the quick check at open reads every page into SQLite's page cache, and a load served
    // from that cache never meets the failing disk — the test then proves nothing.
    options.integrityCheck = "off";
    // A disk that cannot be read for a while (I/O error, busy, full): the demand stays queued.
    for (int code : {SQLITE_IOERR_READ, SQLITE_BUSY, SQLITE_FULL}) {
        INFO("xRead fails with " << code);
        auto store = outbox::OutboxStore::open(options);  // fresh page cache: the load reads the disk
        REQUIRE(store.ok());
        const auto entry = entryOf(**store, sub.uuid);
        failReads(code);
        const auto out = (*connector)->send(**store, entry);
        failReads(0);
        CHECK(out.kind == upload::SendOutcome::Kind::Retry);
        CHECK(out.detail.find("retried later") != std::string::npos);
        CHECK_FALSE(fs::exists(b.dir / ("depot/" + sub.uuid)));
    }
    // Readable again: delivered whole.
    auto store = outbox::OutboxStore::open(options);
    REQUIRE(store.ok());
    CHECK((*connector)->send(**store, entryOf(**store, sub.uuid)).kind == upload::SendOutcome::Kind::Sent);
    CHECK(fs::exists(b.dir / ("depot/" + sub.uuid + "/submission.json")));
    // Only data that is corrupt or gone is the operator's to look at.
    CHECK(upload::loadFailure({ErrorCode::Corrupt, "x"}).kind == upload::SendOutcome::Kind::Rejected);
    CHECK(upload::loadFailure({ErrorCode::NotFound, "x"}).kind == upload::SendOutcome::Kind::Rejected);
    CHECK(upload::loadFailure({ErrorCode::Busy, "x"}).kind == upload::SendOutcome::Kind::Retry);
    CHECK(upload::loadFailure({ErrorCode::NoSpace, "x"}).kind == upload::SendOutcome::Kind::Retry);
}

TEST_CASE("upload.directory batch: folders become visible only once the share is synced, failures are retried") {
    UploadBench b;
    fs::create_directory(b.dir / "depot");
    b.cfg.directory = outbox::DirectoryConfig{b.dir / "depot"};
    auto store = b.open();
    std::vector<Submission> subs;
    for (int i = 0; i < 3; ++i) {
        subs.push_back(sampleSubmission(60 + i, "directory", "acte-naissance", 2000));
        REQUIRE(store->store(subs.back()).ok());
    }
    auto connector = upload::makeConnector("directory", b.cfg);
    REQUIRE(connector.ok());
    auto claimed = store->claimBatch("directory", outbox::nowMs() + 10, 8);
    REQUIRE(claimed->size() == 3);
    (*connector)->beginBatch();
    for (const auto& e : *claimed) CHECK((*connector)->send(*store, e).kind == upload::SendOutcome::Kind::Sent);
    for (const auto& s : subs) {  // written, not yet visible to the staff
        CHECK_FALSE(fs::exists(b.dir / ("depot/" + s.uuid)));
        CHECK(fs::exists(b.dir / ("depot/.incoming-" + s.uuid + "/submission.json")));
    }
    fs::remove_all(b.dir / ("depot/.incoming-" + subs[1].uuid));  // lost before its rename
    auto failures = (*connector)->finishBatch();
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].uuid == subs[1].uuid);
    CHECK(fs::is_regular_file(b.dir / ("depot/" + subs[0].uuid + "/submission.json")));
    CHECK(fs::is_regular_file(b.dir / ("depot/" + subs[2].uuid + "/submission.json")));
    CHECK_FALSE(fs::exists(b.dir / ("depot/" + subs[1].uuid)));
}

TEST_CASE("upload.directory: the uploader drains a backlog in batches, every folder whole, every row sent") {
    UploadBench b;
    fs::create_directory(b.dir / "depot");
    b.cfg.directory = outbox::DirectoryConfig{b.dir / "depot"};
    auto store = b.open();
    std::vector<Submission> subs;
    for (int i = 0; i < 70; ++i) {  // more than two batches
        subs.push_back(sampleSubmission(100 + i, "directory", "acte-naissance", i % 7 == 0 ? 3000 : 0));
        REQUIRE(store->store(subs.back()).ok());
    }
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(report->sent == 70);
    for (const auto& s : subs) {
        auto doc = json::parse(readWholeFile(b.dir / ("depot/" + s.uuid + "/submission.json")));
        CHECK(doc["answers"] == s.answers);
        CHECK(entryOf(*store, s.uuid).state == outbox::State::Sent);
        CHECK(store->attemptsOf(entryOf(*store, s.uuid).id).size() == 1);
    }
    for (auto& e : fs::directory_iterator(b.dir / "depot"))
        CHECK(e.path().filename().string().rfind(".incoming", 0) != 0);
}
