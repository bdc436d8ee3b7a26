// Fail-point test in the style of SQLite's: fail the Nth write or sync (N = 1, 2, ...)
// during one enqueue; afterwards the store holds either nothing new or the whole submission.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "tests/outbox/failing_vfs.hpp"
#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::test;

namespace {

struct Mode {
    const char* name;
    int code;
    bool sticky;
};

void runFailPoints(const Mode& mode) {
    registerFailingVfs();
    int failuresSeen = 0;
    for (int n = 1; n < 500; ++n) {
        TempDir dir;
        auto store = openStore(storeOptions(dir.path(), kFailingVfs));
        auto before = makeSubmission(1000 + n, {70000});
        REQUIRE(store->store(before).ok());
        auto sub = makeSubmission(n, {2 * outbox::kChunkSize + 5, 1000});

        armFailure(n, mode.code, mode.sticky);
        auto r = store->store(sub);
        const bool hit = failureHappened();
        disarmFailure();
        INFO(mode.name << ": failing I/O #" << n);
        if (!r.ok()) CHECK(r.error().message == outbox::kStoreFailedMessage);

        if (!hit) {  // the enqueue needed fewer than n writes: every position was covered
            REQUIRE(r.ok());
            CHECK(holdsWhole(*store, sub));
            CHECK(failuresSeen > 10);
            return;
        }
        ++failuresSeen;
        // The connection that saw the failure goes on working once the disk does.
        auto later = makeSubmission(5000 + n, {100});
        CHECK(store->store(later).ok());
        store.reset();

        auto reopened = openStore(storeOptions(dir.path()));
        CHECK(holdsWhole(*reopened, before));
        CHECK(holdsWhole(*reopened, later));
        const bool present = reopened->find(sub.uuid).has_value();
        if (present) CHECK(holdsWhole(*reopened, sub));  // all or nothing, never a part
        if (r.ok()) CHECK(present);                      // a success is never lost
        CHECK(*reopened->integrityCheck() == "ok");
    }
    FAIL("the enqueue never completed without hitting the fail point");
}

}  // namespace

TEST_CASE("outbox.fail point: the Nth write or sync fails once (I/O error)") {
    runFailPoints({"transient EIO", SQLITE_IOERR_WRITE, false});
}

TEST_CASE("outbox.fail point: from the Nth write on, every write fails (disk full)") {
    runFailPoints({"sticky SQLITE_FULL", SQLITE_FULL, true});
}
