// queued -> sending -> sent | rejected | dead, interrupted sends, retention purge.
#include <catch2/catch.hpp>

#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::test;
using outbox::State;

TEST_CASE("outbox.states follow queued, sending, sent with the remote id kept") {
    TempDir dir;
    auto store = openStore(storeOptions(dir.path()));
    auto a = makeSubmission(1), b = makeSubmission(2, {}, "directory");
    REQUIRE(store->store(a).ok());
    REQUIRE(store->store(b).ok());
    const auto now = outbox::nowMs() + 10;
    auto claimed = store->claimNext("webhook", now);
    REQUIRE(claimed.ok());
    REQUIRE(claimed->has_value());
    CHECK((*claimed)->uuid == a.uuid);  // only this connector's rows
    CHECK((*claimed)->attempts == 1);
    CHECK(store->find(a.uuid)->state == State::Sending);
    CHECK_FALSE(store->claimNext("webhook", now)->has_value());  // one at a time
    REQUIRE(store->markSent((*claimed)->id, "WH-42", "", now, 201).ok());
    auto e = *store->find(a.uuid);
    CHECK(e.state == State::Sent);
    CHECK(e.remoteId == "WH-42");
    CHECK(e.sentAtMs == now);
}

TEST_CASE("outbox.retries back off, then the submission is dead until the operator acts") {
    TempDir dir;
    auto store = openStore(storeOptions(dir.path()));
    auto a = makeSubmission(3);
    REQUIRE(store->store(a).ok());
    std::int64_t now = outbox::nowMs();
    for (int attempt = 1; attempt <= 3; ++attempt) {
        auto c = store->claimNext("webhook", now);
        REQUIRE(c->has_value());
        auto st = store->markRetry((*c)->id, "HTTP 503", attempt == 2, now, 1000, 3, 503);
        REQUIRE(st.ok());
        CHECK(*st == (attempt < 3 ? State::Queued : State::Dead));
        if (attempt < 3) {
            CHECK_FALSE(store->claimNext("webhook", now + 999)->has_value());  // not due yet
            now += 1000;
        }
    }
    auto e = *store->find(a.uuid);
    CHECK(e.state == State::Dead);
    CHECK(e.ambiguous == 1);  // the timeout-after-send of attempt 2 is recorded as such
    auto journal = store->attemptsOf(e.id);
    REQUIRE(journal.size() == 3);
    CHECK(journal[0].outcome == "retry");
    CHECK(journal[0].delayMs == 1000);
    CHECK(journal[1].outcome == "ambiguous");
    CHECK(journal[2].outcome == "dead");
    CHECK_FALSE(store->claimNext("webhook", now + 100000)->has_value());
    auto n = store->retryDead(now);
    REQUIRE(n.ok());
    CHECK(*n == 1);
    CHECK(store->claimNext("webhook", now)->has_value());
}

TEST_CASE("outbox.rejected keeps its reason and can be retried by UUID") {
    TempDir dir;
    auto store = openStore(storeOptions(dir.path()));
    auto a = makeSubmission(4);
    REQUIRE(store->store(a).ok());
    auto c = store->claimNext("webhook", outbox::nowMs());
    REQUIRE(store->markRejected((*c)->id, "HTTP 422: champ commune manquant", outbox::nowMs(), 422).ok());
    auto e = *store->find(a.uuid);
    CHECK(e.state == State::Rejected);
    CHECK(e.lastError == "HTTP 422: champ commune manquant");
    CHECK(*store->retry(a.uuid, outbox::nowMs()));
    CHECK(store->find(a.uuid)->state == State::Queued);
    CHECK_FALSE(*store->retry(a.uuid, outbox::nowMs()));  // queued: nothing to retry
}

TEST_CASE("outbox.a send interrupted by a crash is retried and flagged ambiguous") {
    TempDir dir;
    auto a = makeSubmission(5);
    {
        auto store = openStore(storeOptions(dir.path()));
        REQUIRE(store->store(a).ok());
        REQUIRE(store->claimNext("webhook", outbox::nowMs())->has_value());
    }  // the process "dies" with the row in sending
    auto store = openStore(storeOptions(dir.path()));
    CHECK(store->find(a.uuid)->state == State::Sending);  // opening alone changes nothing
    auto n = store->recoverInterrupted(outbox::nowMs());
    REQUIRE(n.ok());
    CHECK(*n == 1);
    auto e = *store->find(a.uuid);
    CHECK(e.state == State::Queued);
    CHECK(e.ambiguous == 1);
    CHECK(store->attemptsOf(e.id).back().outcome == "interrupted");
}

TEST_CASE("outbox.purge erases personal data after the retention and keeps a tombstone") {
    TempDir dir;
    auto store = openStore(storeOptions(dir.path()));
    auto old = makeSubmission(6, {100000}), recent = makeSubmission(7, {10}), queued = makeSubmission(8, {10});
    for (auto* s : {&old, &recent, &queued}) REQUIRE(store->store(*s).ok());
    const std::int64_t day = 86400000, now = outbox::nowMs();
    auto c1 = store->claimNext("webhook", now);
    REQUIRE(store->markSent((*c1)->id, "R-1", "", now - 31 * day, 201).ok());
    auto c2 = store->claimNext("webhook", now);
    REQUIRE(store->markSent((*c2)->id, "R-2", "", now - 29 * day, 201).ok());

    auto n = store->purge(30, now);
    REQUIRE(n.ok());
    CHECK(*n == 1);
    auto e = *store->find(old.uuid);
    CHECK(e.state == State::Sent);
    CHECK(e.purgedAtMs == now);
    CHECK(e.remoteId == "R-1");            // the tombstone: uuid, reference, remote id, times
    CHECK(e.reference == old.reference);
    CHECK(e.sentAtMs == now - 31 * day);
    auto loaded = store->loadSubmission(e);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == ErrorCode::NotFound);
    CHECK(store->attachments(e.id).empty());
    auto chunks = store->db().prepare("SELECT COUNT(*) FROM chunks");
    REQUIRE(*chunks.step());
    CHECK(chunks.i64(0) == 2);  // the recent and the queued ones remain
    CHECK(holdsWhole(*store, recent));
    CHECK(holdsWhole(*store, queued));
    CHECK(*store->integrityCheck() == "ok");
    auto st = store->stats(now);
    CHECK(st.tombstones == 1);
    CHECK(st.byState["sent"] == 2);
    CHECK(st.byState["queued"] == 1);
}
