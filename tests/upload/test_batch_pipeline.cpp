// A backlog is sent as a pipeline of batches (issue 17: claiming and recording a batch of
// 32 cost ~1 ms of SQLite with nothing in flight): the next batch is claimed while the
// last answers of the current one are awaited, and the current one's outcomes are recorded
// on the BatchRecorder's connection while the next batch's first request is on the wire.
// Against a real loopback receiver that holds its answers from a given request on
// (--hold-after) and real outbox files. The test holds SQLite's write lock on its own
// connection (as a long store would): the record cannot commit, yet the next batch goes.
// The outbox's promises are checked at each stop: a crash between the answers and their
// record re-sends them as possible duplicates (same Idempotency-Key), nothing lost; a stop
// puts the batch claimed ahead back in the queue untouched.
#include <signal.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "tests/outbox/ctl_runner.hpp"
#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;

namespace {

constexpr int kBatch = upload::ConnectorWorker::kBatchSize;

// A connection of the test's own that holds SQLite's write lock while alive.
struct WriteLock {
    std::unique_ptr<outbox::OutboxStore> store;
    explicit WriteLock(const UploadBench& b) : store(b.open()) {
        if (!store->db().exec("BEGIN IMMEDIATE")) throw std::runtime_error("cannot take the write lock");
    }
    ~WriteLock() { (void)store->db().exec("ROLLBACK"); }
};

// A full batch and one more demand; the back office answers the first kBatch - 1 at once and
// holds the last of the batch: its answer is awaited.
struct Backlog {
    UploadBench b;
    HeldWebhook hook{b, 1, kBatch - 1};
    std::unique_ptr<outbox::OutboxStore> store = b.open();
    std::vector<Submission> subs = storeWebhookDemands(*store, kBatch + 1, 900);
    const Submission& next() const { return subs.back(); }  // the next batch's only demand

    // The last request of the first batch is on the wire, its answer held, and the next
    // batch is claimed meanwhile. The old loop claims only after recording: false there.
    bool claimedAhead() const {
        if (!waitUntil([&] { return hook.receiver->requests().size() == static_cast<std::size_t>(kBatch); },
                       std::chrono::seconds(20)))
            return false;
        return waitUntil([&] { return entryOf(*store, next().uuid).state == outbox::State::Sending; },
                         std::chrono::seconds(3));
    }
    // The next batch's request reached the back office.
    bool nextDelivered() const {
        return waitUntil([&] { return hook.receiver->requests().size() == subs.size(); }, std::chrono::seconds(3));
    }
};

}  // namespace

TEST_CASE("upload.pipeline: the next batch's first request reaches the back office before the previous batch's outcomes are committed") {
    Backlog q;
    Drain drain(q.hook);
    REQUIRE(q.claimedAhead());
    {
        WriteLock lock(q.b);  // no record can commit now (the claim ahead is committed already)
        q.hook.release();
        CHECK(q.nextDelivered());
        for (int i = 0; i < kBatch; ++i)  // answered, not recorded yet: still "sending"
            CHECK(entryOf(*lock.store, q.subs[i].uuid).state == outbox::State::Sending);
    }
    const auto& report = drain.finish();
    REQUIRE(report.ok());
    CHECK(report->sent == kBatch + 1);
    auto reqs = q.hook.receiver->requests();
    REQUIRE(reqs.size() == q.subs.size());
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        CHECK(reqs[i]["uuid"] == q.subs[i].uuid);  // in queue order
        CHECK(reqs[i]["headers"]["x-guichet-attempt"] == "1");
        CHECK(reqs[i]["headers"].count("x-guichet-possible-duplicate") == 0);
    }
    CHECK(maxConcurrent(*q.hook.receiver) == 1);  // in_flight 1: one request on the wire
    for (const auto& s : q.subs) {
        auto e = entryOf(*q.store, s.uuid);
        CHECK(e.state == outbox::State::Sent);
        CHECK(e.attempts == 1);
        REQUIRE(q.store->attemptsOf(e.id).size() == 1);
        CHECK(q.store->attemptsOf(e.id)[0].outcome == "sent");
    }
}

TEST_CASE("upload.pipeline: a crash between the answers and their record re-sends them as possible duplicates, nothing lost") {
    Backlog q;
    const std::string config = q.b.dir / "outbox.toml";
    std::ofstream(config) << "[outbox]\ndatabase = \"" << q.b.options().path << "\"\nkey_file = \"" << q.b.options().keyFile
                          << "\"\n[upload]\nin_flight = 1\n[connectors.webhook]\nurl = \"" << q.b.cfg.webhook->url
                          << "\"\nsecret = \"" << q.b.cfg.webhook->secret << "\"\n";
    const pid_t sender = spawnCtl({"outbox", "send", "--once", "--config", config}, "", q.b.dir / "send.log");
    REQUIRE(sender > 0);
    struct Reaper {  // the sender never outlives the test, a failed REQUIRE included
        pid_t pid;
        ~Reaper() {
            ::kill(pid, SIGKILL);
            (void)waitExit(pid);
        }
    } reaper{sender};
    const bool ahead = q.claimedAhead();
    {
        WriteLock lock(q.b);
        q.hook.release();
        CHECK((ahead && q.nextDelivered()));
        ::kill(sender, SIGKILL);  // every demand answered, none recorded
        CHECK(waitExit(sender) == 128 + SIGKILL);
    }
    REQUIRE(ahead);
    for (const auto& s : q.subs) CHECK(entryOf(*q.store, s.uuid).state == outbox::State::Sending);

    auto report = upload::Uploader::sendOnce(q.b.options(), q.b.cfg);
    REQUIRE(report.ok());
    CHECK(report->recovered == kBatch + 1);
    CHECK(report->sent == kBatch + 1);
    auto reqs = q.hook.receiver->requests();
    REQUIRE(reqs.size() == 2 * q.subs.size());  // each twice: the back office deduplicates by key
    for (std::size_t i = 0; i < q.subs.size(); ++i) {
        const auto& again = reqs[q.subs.size() + i];
        CHECK(again["uuid"] == q.subs[i].uuid);
        CHECK(again["key"] == q.subs[i].uuid);
        CHECK(again["headers"]["x-guichet-possible-duplicate"] == "1");
        CHECK(again["headers"]["x-guichet-attempt"] == "2");
    }
    for (const auto& s : q.subs) {
        auto e = entryOf(*q.store, s.uuid);
        CHECK(e.state == outbox::State::Sent);
        CHECK(e.attempts == 2);
        auto attempts = q.store->attemptsOf(e.id);
        REQUIRE(attempts.size() == 2);
        CHECK(attempts[0].outcome == "interrupted");
        CHECK(attempts[1].outcome == "sent");
    }
}

TEST_CASE("upload.pipeline: a stop puts the batch claimed ahead back in the queue untouched and records the one answered") {
    Backlog q;
    // The terminal's loop: one step sends the first batch and claims the next one ahead;
    // then the uploader stops (Uploader::stop joins the worker's thread, then finish()).
    auto connector = upload::makeConnector("webhook", q.b.cfg);
    REQUIRE(connector.ok());
    upload::ConnectorWorker worker(q.b.open(), std::move(*connector), q.b.cfg, q.b.options());
    upload::SendReport report;
    struct Step {  // joined when it goes, a failed REQUIRE included (the answer released first)
        const HeldWebhook& hook;
        std::thread thread;
        ~Step() {
            hook.release();
            if (thread.joinable()) thread.join();
        }
    } step{q.hook, std::thread([&] { CHECK(worker.step(report) == 0); })};
    REQUIRE(q.claimedAhead());
    q.hook.release();
    step.thread.join();
    CHECK(entryOf(*q.store, q.next().uuid).state == outbox::State::Sending);  // claimed ahead, not sent
    report.add(worker.finish());
    CHECK(report.sent == kBatch);
    CHECK(q.hook.receiver->requests().size() == static_cast<std::size_t>(kBatch));
    for (int i = 0; i < kBatch; ++i) {
        auto e = entryOf(*q.store, q.subs[i].uuid);
        CHECK(e.state == outbox::State::Sent);
        CHECK(e.attempts == 1);
    }
    auto ahead = entryOf(*q.store, q.next().uuid);
    CHECK(ahead.state == outbox::State::Queued);  // not left "sending" until the next start
    CHECK(ahead.attempts == 0);
    CHECK(ahead.ambiguous == 0);
    CHECK(ahead.lastError.empty());
    CHECK(q.store->attemptsOf(ahead.id).empty());
    // The next drain sends it as a first attempt, not as a possible duplicate.
    CHECK(worker.drainOnce().sent == 1);
    auto reqs = q.hook.receiver->requests();
    REQUIRE(reqs.size() == q.subs.size());
    CHECK(reqs.back()["uuid"] == q.next().uuid);
    CHECK(reqs.back()["headers"]["x-guichet-attempt"] == "1");
    CHECK(reqs.back()["headers"].count("x-guichet-possible-duplicate") == 0);
}
