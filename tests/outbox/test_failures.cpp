// Disk full, read-only disk and corrupt database: the resident gets a clear message and
// nothing already stored is lost; a corrupt file is moved aside, never silently recreated.
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/support/skip.hpp"
#include <filesystem>
#include <fstream>

#include "kiosk/outbox/outbox_open.hpp"
#include "tests/outbox/failing_vfs.hpp"
#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> movedAside(const std::string& dir) {
    std::vector<fs::path> out;
    for (auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find("outbox.sqlite.corrupt-2") == 0 &&
            e.path().extension() != ".sqlite-wal" && e.path().string().find("-wal") == std::string::npos &&
            e.path().string().find("-shm") == std::string::npos)
            out.push_back(e.path());
    return out;
}

// A small real filesystem (tmpfs) mounted for the test; only possible as root.
class TinyFilesystem {
public:
    TinyFilesystem(const std::string& where, const char* size) : where_(where) {
        fs::create_directories(where);
        mounted_ = ::geteuid() == 0 && ::mount("tmpfs", where.c_str(), "tmpfs", 0, size) == 0;
    }
    ~TinyFilesystem() {
        if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    bool remount(bool readOnly) {
        return ::mount("tmpfs", where_.c_str(), "tmpfs", MS_REMOUNT | (readOnly ? MS_RDONLY : 0), nullptr) == 0;
    }

private:
    std::string where_;
    bool mounted_ = false;
};

}  // namespace

TEST_CASE("outbox.corrupt database (not a database) is moved aside and never silently recreated") {
    TempDir dir;
    const std::string garbage(100000, 'x');
    { std::ofstream(dir / "outbox.sqlite", std::ios::binary) << garbage; }
    { std::ofstream(dir / "outbox.key", std::ios::binary) << std::string(32, 'k'); }
    fs::permissions(dir / "outbox.key", fs::perms::owner_read | fs::perms::owner_write);

    auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == ErrorCode::Corrupt);
    CHECK(store.error().message.find("OPERATOR ALERT") != std::string::npos);
    auto aside = movedAside(dir.path());
    REQUIRE(aside.size() == 1);
    CHECK(readWholeFile(aside[0].string()) == garbage);  // kept as it was
    CHECK(fs::exists(dir / "outbox.sqlite.corrupt-alert"));
    CHECK_FALSE(fs::exists(dir / "outbox.sqlite"));

    // A second start refuses too: the queue is not recreated empty behind the operator's back.
    auto again = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::Corrupt);
    CHECK_FALSE(fs::exists(dir / "outbox.sqlite"));

    // Once acknowledged (guichetctl outbox ack-corrupt), a new outbox starts.
    fs::remove(dir / "outbox.sqlite.corrupt-alert");
    fs::remove(dir / "outbox.key");
    auto fresh = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE(fresh.ok());
    CHECK(readWholeFile(aside[0].string()) == garbage);
}

TEST_CASE("outbox.corrupt pages are caught by the start-up integrity check") {
    TempDir dir;
    {
        auto store = openStore(storeOptions(dir.path()));
        for (int i = 0; i < 200; ++i) REQUIRE(store->store(makeSubmission(i, {3000})).ok());
    }  // closing the last connection folds the WAL into the main file
    const auto size = fs::file_size(dir / "outbox.sqlite");
    REQUIRE(size > 20 * 4096);
    {
        std::fstream f(dir / "outbox.sqlite", std::ios::in | std::ios::out | std::ios::binary);
        const std::string junk(4096 * 3, '\xA5');
        f.seekp(4096 * 2);  // pages 3-5: b-tree pages of the first tables
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const std::string damaged = readWholeFile(dir / "outbox.sqlite");
    auto store = outbox::OutboxStore::open(storeOptions(dir.path()));
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == ErrorCode::Corrupt);
    auto aside = movedAside(dir.path());
    REQUIRE(aside.size() == 1);
    CHECK(readWholeFile(aside[0].string()) == damaged);
    CHECK(fs::exists(dir / "outbox.sqlite.corrupt-alert"));
}

TEST_CASE("outbox.disk full (SQLITE_FULL from the VFS) gives the resident message and harms nothing") {
    registerFailingVfs();
    TempDir dir;
    auto store = openStore(storeOptions(dir.path(), kFailingVfs));
    std::vector<Submission> kept;
    for (int i = 0; i < 3; ++i) {
        kept.push_back(makeSubmission(i, {60000}));
        REQUIRE(store->store(kept.back()).ok());
    }
    auto lost = makeSubmission(99, {200000});
    armFailure(1, SQLITE_FULL, /*sticky=*/true);
    auto r = store->store(lost);
    disarmFailure();
    REQUIRE(failureHappened());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == outbox::kStoreFailedMessage);
    CHECK(r.error().code == ErrorCode::NoSpace);
    CHECK(store->lastStoreFailure().code == ErrorCode::NoSpace);
    CHECK_FALSE(store->find(lost.uuid));
    // Space is back: the same store works again.
    REQUIRE(store->store(lost).ok());
    store.reset();
    auto reopened = openStore(storeOptions(dir.path()));
    for (auto& s : kept) CHECK(holdsWhole(*reopened, s));
    CHECK(holdsWhole(*reopened, lost));
    CHECK(*reopened->integrityCheck() == "ok");
}

TEST_CASE("outbox.disk full on a real tiny filesystem (ENOSPC, tmpfs, root only)") {
    TempDir dir;
    TinyFilesystem tiny(dir / "mnt", "size=1536k");
    if (!tiny.mounted()) {
        GUICHET_SKIP("not root or mount refused: real ENOSPC not exercised (the VFS test still runs)");
    }
    const std::string base = dir / "mnt";
    std::vector<Submission> kept;
    std::optional<Result<void>> failure;
    Submission failed;
    {
        auto store = openStore(storeOptions(base));
        for (int i = 0; i < 40 && !failure; ++i) {
            auto s = makeSubmission(i, {120000});
            auto r = store->store(s);
            if (r) kept.push_back(s);
            else {
                failure = r;
                failed = s;
            }
        }
        REQUIRE(failure);
        CHECK(failure->error().message == outbox::kStoreFailedMessage);
        CHECK(failure->error().code == ErrorCode::NoSpace);
        CHECK(store->lastStoreFailure().message.find("full") != std::string::npos);
        REQUIRE(kept.size() >= 3);
    }
    auto store = outbox::OutboxStore::open(storeOptions(base));
    REQUIRE(store.ok());
    for (auto& s : kept) CHECK(holdsWhole(**store, s));
    CHECK_FALSE((*store)->find(failed.uuid));
    CHECK(*(*store)->integrityCheck() == "ok");
}

TEST_CASE("outbox.read-only disk: refused with a clear error, the stored data untouched") {
    registerFailingVfs();
    SECTION("writes start failing under a running store (EROFS -> SQLITE_IOERR_WRITE)") {
        TempDir dir;
        auto store = openStore(storeOptions(dir.path(), kFailingVfs));
        auto a = makeSubmission(1, {1000});
        REQUIRE(store->store(a).ok());
        armFailure(1, SQLITE_IOERR_WRITE, true);
        auto r = store->store(makeSubmission(2, {1000}));
        disarmFailure();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == outbox::kStoreFailedMessage);
        store.reset();
        auto reopened = openStore(storeOptions(dir.path()));
        CHECK(holdsWhole(*reopened, a));
        CHECK(reopened->list(std::nullopt).size() == 1);
    }
}

// Its own test case: a skip (not root) ends the process, it must not hide the case above.
TEST_CASE("outbox.read-only disk: a real read-only mount (tmpfs remounted ro, root only)") {
    {
        TempDir dir;
        TinyFilesystem tiny(dir / "mnt", "size=4m");
        if (!tiny.mounted()) GUICHET_SKIP("not root or mount refused: real read-only mount not exercised");
        const std::string base = dir / "mnt";
        auto a = makeSubmission(3, {5000});
        {
            auto store = openStore(storeOptions(base));
            REQUIRE(store->store(a).ok());
        }
        const std::string before = readWholeFile(base + "/outbox.sqlite");
        REQUIRE(tiny.remount(true));
        auto store = outbox::OutboxStore::open(storeOptions(base));
        REQUIRE_FALSE(store.ok());
        CHECK(readWholeFile(base + "/outbox.sqlite") == before);
        REQUIRE(tiny.remount(false));
        auto reopened = outbox::OutboxStore::open(storeOptions(base));
        REQUIRE(reopened.ok());
        CHECK(holdsWhole(**reopened, a));
    }
}

TEST_CASE("outbox.an outbox that cannot open refuses submissions with the resident message") {
    TempDir dir;
    { std::ofstream(dir / "outbox.sqlite", std::ios::binary) << std::string(50000, '#'); }
    outbox::OutboxConfig cfg;
    cfg.database = dir / "outbox.sqlite";
    auto opened = outbox::openOutbox(cfg);
    REQUIRE(opened.store);
    CHECK(opened.outbox == nullptr);
    auto r = opened.store->store(makeSubmission(1));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == outbox::kStoreFailedMessage);
    CHECK(r.error().code == ErrorCode::Corrupt);

    cfg.database = dir / "fresh.sqlite";
    auto good = outbox::openOutbox(cfg);
    REQUIRE(good.outbox != nullptr);
    auto sub = makeSubmission(2);
    CHECK(good.store->store(sub).ok());
    CHECK(holdsWhole(*good.outbox, sub));
}
