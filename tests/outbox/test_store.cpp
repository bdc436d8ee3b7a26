// The outbox's storage: round trip, encryption at rest, key file, schema migrations.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "kiosk/outbox/outbox_schema.hpp"
#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::test;

TEST_CASE("outbox.store keeps answers and attachments byte for byte") {
    TempDir dir;
    auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE(store.ok());
    // 0 bytes, under one chunk, several chunks with a size that is not a multiple of 3.
    auto sub = makeSubmission(1, {0, 1000, 3 * outbox::kChunkSize + 7});
    REQUIRE((*store)->store(sub).ok());
    CHECK(holdsWhole(**store, sub));
    auto e = (*store)->find(sub.uuid);
    REQUIRE(e);
    CHECK(e->state == outbox::State::Queued);
    CHECK(e->attachmentCount == 3);
    CHECK(e->attachmentBytes == static_cast<std::int64_t>(1000 + 3 * outbox::kChunkSize + 7));
    CHECK(e->reference == sub.reference);
    CHECK((*store)->find(sub.reference)->uuid == sub.uuid);  // operators may type the reference

    // Storing the same UUID again (the wizard retried) is a success and changes nothing.
    REQUIRE((*store)->store(sub).ok());
    CHECK((*store)->list(std::nullopt).size() == 1);
}

TEST_CASE("outbox.store survives closing and reopening (durable, same key)") {
    TempDir dir;
    auto sub = makeSubmission(2, {70000});
    {
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE(store.ok());
        REQUIRE((*store)->store(sub).ok());
    }
    auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE(store.ok());
    CHECK(holdsWhole(**store, sub));
    // WAL with synchronous=FULL on every connection.
    auto q = (*store)->db().prepare("PRAGMA journal_mode");
    REQUIRE(*q.step());
    CHECK(q.text(0) == "wal");
    auto s = (*store)->db().prepare("PRAGMA synchronous");
    REQUIRE(*s.step());
    CHECK(s.i64(0) == 2);  // FULL
}

TEST_CASE("outbox.personal data is encrypted at rest, metadata stays readable") {
    TempDir dir;
    auto sub = makeSubmission(3, {5000});
    sub.answers["nom"] = "Zébulon-Marchand-Unique";
    // A recognisable text attachment: it must not appear in clear either.
    std::string secret = "NUMERO-SECU-1850775123456";
    sub.attachments[0].data.assign(secret.begin(), secret.end());
    sub.attachments[0].name = "carte-vitale-zebulon.txt";
    {
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE(store.ok());
        REQUIRE((*store)->store(sub).ok());
        std::string all = readWholeFile(dir / "outbox.sqlite") + readWholeFile(dir / "outbox.sqlite-wal");
        CHECK(all.find("Zébulon") == std::string::npos);
        CHECK(all.find(secret) == std::string::npos);
        CHECK(all.find("carte-vitale") == std::string::npos);
        CHECK(all.find("Lampadaire") == std::string::npos);
        CHECK(all.find(sub.uuid) != std::string::npos);         // metadata in clear
        CHECK(all.find("signalement") != std::string::npos);
    }
    struct stat st {};
    REQUIRE(::stat((dir / "outbox.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((dir / "outbox.sqlite").c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);
}

TEST_CASE("outbox.key file problems are refused, never papered over") {
    TempDir dir;
    {
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE(store.ok());
        REQUIRE((*store)->store(makeSubmission(4)).ok());
    }
    SECTION("a key readable by others") {
        ::chmod((dir / "outbox.key").c_str(), 0644);
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE_FALSE(store.ok());
        CHECK(store.error().code == ErrorCode::PermissionDenied);
        CHECK(store.error().message.find("chmod 600") != std::string::npos);
    }
    SECTION("another terminal's key") {
        std::filesystem::remove(dir / "outbox.key");
        auto other = crypto::SecretKey::random();
        {
            std::ofstream out(dir / "outbox.key", std::ios::binary);
            out.write(reinterpret_cast<const char*>(other.data()), crypto::kKeySize);
        }
        ::chmod((dir / "outbox.key").c_str(), 0600);
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE_FALSE(store.ok());
        CHECK(store.error().message.find("does not belong") != std::string::npos);
    }
    SECTION("a lost key is not silently recreated for an existing database") {
        std::filesystem::remove(dir / "outbox.key");
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE_FALSE(store.ok());
        CHECK(store.error().message.find("restore its key file") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir / "outbox.key"));
    }
    SECTION("a truncated key") {
        std::filesystem::resize_file(dir / "outbox.key", 16);
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE_FALSE(store.ok());
        CHECK(store.error().code == ErrorCode::Corrupt);
    }
}

TEST_CASE("outbox.sealed chunks cannot be swapped or tampered with") {
    TempDir dir;
    auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE(store.ok());
    auto sub = makeSubmission(5, {2 * outbox::kChunkSize + 10});
    REQUIRE((*store)->store(sub).ok());
    auto e = *(*store)->find(sub.uuid);
    auto metas = (*store)->attachments(e.id);
    // Swap chunk 0 and chunk 1: each decrypts only at its own position.
    REQUIRE((*store)->db().exec("UPDATE chunks SET seq = -1 WHERE seq = 0; UPDATE chunks SET seq = 0 WHERE seq = 1;"
                                "UPDATE chunks SET seq = 1 WHERE seq = -1").ok());
    auto reader = (*store)->openAttachment(e, metas[0]);
    Bytes out;
    auto r = reader.next(out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Corrupt);
}

TEST_CASE("outbox.schema migrates an older database and refuses a newer one") {
    TempDir dir;
    auto sub = makeSubmission(6, {100});
    {
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE(store.ok());
        REQUIRE((*store)->store(sub).ok());
        // Make it a schema-1 database: version 2 added the attempt journal.
        REQUIRE((*store)->db().exec("DROP TABLE attempts; PRAGMA user_version = 1").ok());
    }
    {
        auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
        REQUIRE(store.ok());
        auto v = (*store)->db().prepare("PRAGMA user_version");
        REQUIRE(*v.step());
        CHECK(v.i64(0) == outbox::kSchemaVersion);
        CHECK(holdsWhole(**store, sub));
        auto e = *(*store)->find(sub.uuid);
        REQUIRE((*store)->markRejected(e.id, "HTTP 400", outbox::nowMs(), 400).ok());  // uses the new table
        CHECK((*store)->attemptsOf(e.id).size() == 1);
        REQUIRE((*store)->db().exec("PRAGMA user_version = 99").ok());
    }
    auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == ErrorCode::NotSupported);
    CHECK(store.error().message.find("newer") != std::string::npos);
}
