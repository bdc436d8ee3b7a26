// The webhook builds the next body while the current request travels (issue 17: with
// in_flight = 1 the drain was at 0.62x of a sequential client, its preparation on the
// request's path). Against a real loopback receiver that holds its answers until the test
// lets them go (--hold), and real outbox files: the next demand is prepared before the
// answer comes back, still one request on the wire; a prepared demand that does not start
// (the batch ended, the back office is unreachable) stays queued, its attempt not counted;
// one that could not be loaded is rejected at its turn, the request in flight untouched.
// "Prepared" is read in the uploader's own debug journal line.
#include <catch2/catch.hpp>

#include "drivers/common/log.hpp"
#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
namespace {

// The uploader's journal at debug level, read from stderr; back to the default after.
struct DebugJournal {
    StderrCapture capture;
    DebugJournal() { log::setLevel(log::Level::Debug); }
    ~DebugJournal() { log::setLevel(log::Level::Info); }
    bool says(const std::string& text) const { return capture.text().find(text) != std::string::npos; }
};

}  // namespace

TEST_CASE("upload.send-ahead: in_flight 1 prepares the next demand before the answer comes back, one request on the wire") {
    UploadBench b;
    HeldWebhook hook(b, 1);
    auto store = b.open();
    auto subs = storeWebhookDemands(*store, 4, 700);
    DebugJournal journal;
    Drain drain(hook);
    REQUIRE(waitUntil([&] { return hook.receiver->requests().size() == 1; }, std::chrono::seconds(10)));
    // The answer is held: the old loop (prepare, send, wait, next) would prepare nothing now.
    const bool ahead = waitUntil([&] { return journal.says(subs[1].uuid + " prepared while a request travels"); },
                                 std::chrono::seconds(3));
    CHECK(ahead);
    CHECK(hook.receiver->requests().size() == 1);  // prepared, not sent
    CHECK(entryOf(*store, subs[0].uuid).state == outbox::State::Sending);  // its answer not back yet
    const auto& report = drain.finish();
    REQUIRE(report.ok());
    CHECK(report->sent == 4);
    auto reqs = hook.receiver->requests();
    REQUIRE(reqs.size() == 4);
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        CHECK(reqs[i]["uuid"] == subs[i].uuid);  // in queue order
        CHECK(reqs[i]["signature_ok"] == true);
        CHECK(reqs[i]["headers"]["x-guichet-attempt"] == "1");
    }
    CHECK(maxConcurrent(*hook.receiver) == 1);  // never two requests at once
    for (const auto& s : subs) {
        auto e = entryOf(*store, s.uuid);
        CHECK(e.state == outbox::State::Sent);
        CHECK(e.attempts == 1);
    }
}

TEST_CASE("upload.send-ahead: a demand that cannot be loaded is rejected at its turn, the request in flight untouched") {
    UploadBench b;
    HeldWebhook hook(b, 1);
    auto store = b.open();
    auto subs = storeWebhookDemands(*store, 3, 700);
    const auto corrupt = entryOf(*store, subs[1].uuid);
    REQUIRE(store->db().exec("UPDATE payloads SET sealed = zeroblob(length(sealed)) WHERE submission_id = " +
                             std::to_string(corrupt.id)).ok());
    DebugJournal journal;
    Drain drain(hook);
    REQUIRE(waitUntil([&] { return hook.receiver->requests().size() == 1; }, std::chrono::seconds(10)));
    CHECK(waitUntil([&] { return journal.says(subs[1].uuid + " could not be loaded"); }, std::chrono::seconds(3)));
    CHECK(hook.receiver->requests().size() == 1);
    CHECK(entryOf(*store, subs[0].uuid).state == outbox::State::Sending);
    const auto& report = drain.finish();
    REQUIRE(report.ok());
    CHECK(report->sent == 2);
    CHECK(report->rejected == 1);
    auto reqs = hook.receiver->requests();
    REQUIRE(reqs.size() == 2);  // the corrupt one never went out
    CHECK(reqs[0]["uuid"] == subs[0].uuid);
    CHECK(reqs[1]["uuid"] == subs[2].uuid);
    CHECK(entryOf(*store, subs[0].uuid).state == outbox::State::Sent);
    const auto rejected = entryOf(*store, subs[1].uuid);
    CHECK(rejected.state == outbox::State::Rejected);
    CHECK(rejected.attempts == 1);  // counted once, as when it was prepared at its turn
    CHECK(store->attemptsOf(rejected.id).size() == 1);
    CHECK(entryOf(*store, subs[2].uuid).state == outbox::State::Sent);
}

TEST_CASE("upload.send-ahead: a batch that ends while a request travels leaves the prepared demand queued, its attempt not counted") {
    UploadBench b;
    // Each answer takes longer than a batch may last (kBatchMs): after the first answer no
    // other send starts, and the demand prepared meanwhile goes back to the queue.
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--delay", "0.35"}, b.dir / "log.jsonl");
    b.cfg.webhook = outbox::WebhookConfig{receiver->url("/hook"), "s3cret"};
    b.cfg.http.inFlight = 1;
    STATIC_REQUIRE(upload::ConnectorWorker::kBatchMs < 350);
    auto store = b.open();
    auto subs = storeWebhookDemands(*store, 3, 700);
    auto connector = upload::makeConnector("webhook", b.cfg);
    REQUIRE(connector.ok());
    upload::ConnectorWorker worker(b.open(), std::move(*connector), b.cfg);
    DebugJournal journal;
    upload::SendReport report;
    (void)worker.step(report);  // one batch
    CHECK(journal.says(subs[1].uuid + " prepared while a request travels"));
    CHECK(report.sent == 1);
    CHECK(receiver->requests().size() == 1);
    CHECK(entryOf(*store, subs[0].uuid).state == outbox::State::Sent);
    for (std::size_t i = 1; i < subs.size(); ++i) {
        auto e = entryOf(*store, subs[i].uuid);
        CHECK(e.state == outbox::State::Queued);
        CHECK(e.attempts == 0);
        CHECK(e.lastError.empty());
        CHECK(store->attemptsOf(e.id).empty());
    }
    // The next batches send them as first attempts, as if never prepared.
    (void)worker.drainOnce();
    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 3);
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        CHECK(reqs[i]["uuid"] == subs[i].uuid);
        CHECK(reqs[i]["headers"]["x-guichet-attempt"] == "1");
        CHECK(reqs[i]["headers"].count("x-guichet-possible-duplicate") == 0);
    }
}

TEST_CASE("upload.send-ahead: an unreachable back office counts one attempt, the prepared demand stays queued") {
    const int inFlight = GENERATE(1, 4);
    INFO("in_flight " << inFlight);
    UploadBench b;
    b.cfg.webhook = outbox::WebhookConfig{"http://127.0.0.1:" + std::to_string(freePort()) + "/hook", "s3cret"};
    b.cfg.http.connectTimeoutMs = 300;
    b.cfg.http.inFlight = inFlight;
    auto store = b.open();
    auto subs = storeWebhookDemands(*store, 5, 700);
    DebugJournal journal;
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(journal.says(subs[1].uuid + " prepared while a request travels"));
    CHECK(report->retried == 1);
    CHECK(report->sent == 0);
    CHECK(unreachableLeftOneAttempt(*store, subs).empty());  // only the send that found it unreachable
    CHECK(entryOf(*store, subs[0].uuid).attempts == 1);
}
