// Batches of sends (issue 17): claimed together, recorded together, and a crash between the
// two loses nothing.
#include <catch2/catch.hpp>

#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"  // TempDir

using namespace guichet;
using namespace guichet::test;
using outbox::SendRecord;
using outbox::State;

TEST_CASE("outbox.batch claims the oldest due rows of one connector, at most the batch size") {
    TempDir dir;
    auto store = openStore(storeOptions(dir.path()));
    std::vector<Submission> subs;
    for (int i = 0; i < 5; ++i) {
        subs.push_back(makeSubmission(10 + i));
        REQUIRE(store->store(subs.back()).ok());
    }
    REQUIRE(store->store(makeSubmission(20, {}, "directory")).ok());
    const auto now = outbox::nowMs() + 10;
    auto first = store->claimBatch("webhook", now, 3);
    REQUIRE(first.ok());
    REQUIRE(first->size() == 3);
    for (int i = 0; i < 3; ++i) CHECK((*first)[i].uuid == subs[i].uuid);  // oldest first
    for (const auto& e : *first) {
        CHECK(e.state == State::Sending);
        CHECK(e.attempts == 1);
        CHECK(store->find(e.uuid)->state == State::Sending);
    }
    auto rest = store->claimBatch("webhook", now, 32);
    REQUIRE(rest.ok());
    CHECK(rest->size() == 2);  // the directory's row is not this connector's
    CHECK(store->claimBatch("webhook", now, 32)->empty());
}

TEST_CASE("outbox.batch records sent, rejected, retry, dead and unclaimed in one transaction") {
    TempDir dir;
    auto store = openStore(storeOptions(dir.path()));
    for (int i = 0; i < 4; ++i) REQUIRE(store->store(makeSubmission(30 + i)).ok());
    const auto now = outbox::nowMs() + 10;
    auto claimed = store->claimBatch("webhook", now, 4);
    REQUIRE(claimed->size() == 4);
    std::vector<SendRecord> recs(4);
    for (int i = 0; i < 4; ++i) recs[i].id = (*claimed)[i].id;
    recs[0].kind = SendRecord::Kind::Sent;
    recs[0].remoteId = "R-1";
    recs[0].httpStatus = 201;
    recs[1].kind = SendRecord::Kind::Rejected;
    recs[1].detail = "HTTP 422";
    recs[2].kind = SendRecord::Kind::Retry;
    recs[2].detail = "HTTP 503";
    recs[2].delayMs = 5000;
    recs[2].maxAttempts = 1;  // this first attempt was the last one allowed
    recs[3].kind = SendRecord::Kind::Unclaimed;  // never sent: the network went away first
    REQUIRE(store->recordBatch(recs, now).ok());
    CHECK(recs[0].resulting == State::Sent);
    CHECK(recs[2].resulting == State::Dead);
    auto e0 = *store->find((*claimed)[0].uuid);
    CHECK(e0.state == State::Sent);
    CHECK(e0.remoteId == "R-1");
    CHECK(store->find((*claimed)[1].uuid)->state == State::Rejected);
    CHECK(store->find((*claimed)[2].uuid)->state == State::Dead);
    auto e3 = *store->find((*claimed)[3].uuid);
    CHECK(e3.state == State::Queued);
    CHECK(e3.attempts == 0);                       // an unclaimed row's attempt does not count
    CHECK(store->attemptsOf(e3.id).empty());      // nor does it leave a journal line
    CHECK(store->attemptsOf(e0.id).size() == 1);
}

TEST_CASE("outbox.batch: a crash after the claim re-queues the whole batch as possible duplicates") {
    TempDir dir;
    const auto options = storeOptions(dir.path());
    std::vector<Submission> subs;
    {
        auto store = openStore(options);
        for (int i = 0; i < 3; ++i) {
            subs.push_back(makeSubmission(40 + i));
            REQUIRE(store->store(subs.back()).ok());
        }
        REQUIRE(store->claimBatch("webhook", outbox::nowMs() + 10, 8)->size() == 3);
    }  // the process dies here: outcomes never recorded
    auto store = openStore(options);
    auto recovered = store->recoverInterrupted(outbox::nowMs());
    REQUIRE(recovered.ok());
    CHECK(*recovered == 3);
    for (int i = 0; i < 3; ++i) {
        auto found = store->find(subs[i].uuid);
        REQUIRE(found.has_value());
        auto e = *found;
        CHECK(e.state == State::Queued);
        CHECK(e.ambiguous == 1);
    }
}

TEST_CASE("outbox.batch: a failed record leaves the rows sending, and the statements usable") {
    TempDir dir;
    auto store = openStore(storeOptions(dir.path()));
    REQUIRE(store->store(makeSubmission(50)).ok());
    auto claimed = store->claimBatch("webhook", outbox::nowMs() + 10, 8);
    REQUIRE(claimed->size() == 1);
    std::vector<SendRecord> recs(2);
    recs[0].kind = SendRecord::Kind::Sent;
    recs[0].id = (*claimed)[0].id;
    recs[1].kind = SendRecord::Kind::Retry;
    recs[1].id = 999999;  // no such row: the whole batch is rolled back
    recs[1].maxAttempts = 5;
    CHECK_FALSE(store->recordBatch(recs, outbox::nowMs()).ok());
    CHECK(store->find((*claimed)[0].uuid)->state == State::Sending);
    recs.pop_back();
    REQUIRE(store->recordBatch(recs, outbox::nowMs()).ok());  // same prepared statements, again
    CHECK(store->find((*claimed)[0].uuid)->state == State::Sent);
}
