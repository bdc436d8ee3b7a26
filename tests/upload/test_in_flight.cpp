// The webhook keeps up to [upload] in_flight requests in flight during a drain (each on its
// own kept-alive connection), against a real loopback receiver that answers slowly: the
// requests really overlap, every submission arrives once with its own outcome recorded
// against it, and in_flight = 1 still sends strictly one after the other.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <thread>

#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
using Clock = std::chrono::steady_clock;

namespace {

// A webhook receiver answering after `delay` seconds, with the bench's connector sending up
// to `inFlight` requests at once.
std::unique_ptr<ReceiverProcess> slowWebhook(UploadBench& b, const char* delay, int inFlight) {
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--delay", delay}, b.dir / "log.jsonl");
    b.cfg.webhook = outbox::WebhookConfig{receiver->url("/hook"), "s3cret"};
    b.cfg.http.inFlight = inFlight;
    return receiver;
}

}  // namespace

TEST_CASE("upload.in-flight: a slow back office gets up to in_flight requests at once, each demand once") {
    UploadBench b;
    auto receiver = slowWebhook(b, "0.25", 4);
    auto store = b.open();
    auto subs = storeWebhookDemands(*store, 12, 300);
    const auto t0 = Clock::now();
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    REQUIRE(report.ok());
    CHECK(report->sent == 12);
    std::map<std::string, int> arrivals;
    for (const auto& r : receiver->requests()) {
        CHECK(r["signature_ok"] == true);
        arrivals[r["uuid"]]++;
    }
    for (const auto& s : subs) {
        CHECK(arrivals[s.uuid] == 1);
        auto e = entryOf(*store, s.uuid);
        CHECK(e.state == outbox::State::Sent);
        CHECK(e.remoteId.rfind("WH-", 0) == 0);
    }
    const int most = maxConcurrent(*receiver);
    CHECK(most >= 2);  // they overlapped
    CHECK(most <= 4);  // never more than asked
    WARN("12 sends to a back office answering in 250 ms: " << seconds << " s (one after the other: >= 3 s), "
                                                            << most << " at once at most");
}

TEST_CASE("upload.in-flight: in_flight = 1 sends one after the other") {
    UploadBench b;
    auto receiver = slowWebhook(b, "0.05", 1);
    auto store = b.open();
    auto subs = storeWebhookDemands(*store, 5, 300);
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(report->sent == 5);
    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 5);
    for (std::size_t i = 0; i < reqs.size(); ++i) CHECK(reqs[i]["uuid"] == subs[i].uuid);  // in queue order
    CHECK(maxConcurrent(*receiver) == 1);
}

TEST_CASE("upload.in-flight: a 413 and a 500 amid in-flight sends are recorded against their own demands") {
    UploadBench b;
    // By arrival order: the 3rd request gets 413, the 5th 500, every other one is accepted.
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--delay", "0.05", "--statuses", "201,201,413,201,500"},
                                           b.dir / "log.jsonl");
    b.cfg.webhook = outbox::WebhookConfig{receiver->url("/hook"), "s3cret"};
    b.cfg.http.inFlight = 4;
    b.cfg.backoff = {1, 5, 5};
    auto store = b.open();
    auto subs = storeWebhookDemands(*store, 10, 300);
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(report->sent == 8);
    CHECK(report->rejected == 1);
    CHECK(report->retried == 1);
    std::map<std::string, std::string> statusOf;  // uuid -> the scripted status it was given
    for (const auto& r : receiver->requests())
        if (r["fault"].is_string()) statusOf[r["uuid"]] = r["fault"];
    int rejected = 0, retried = 0;
    for (const auto& s : subs) {
        auto e = entryOf(*store, s.uuid);
        if (statusOf[s.uuid] == "413") {
            ++rejected;
            CHECK(e.state == outbox::State::Rejected);
            CHECK(e.lastError.find("HTTP 413") != std::string::npos);
        } else if (statusOf[s.uuid] == "500") {
            ++retried;
            CHECK(e.state == outbox::State::Queued);
            CHECK(e.lastError.find("HTTP 500") != std::string::npos);
        } else {
            CHECK(e.state == outbox::State::Sent);
        }
    }
    CHECK(rejected == 1);
    CHECK(retried == 1);
    // The retried one goes at its next attempt; nothing was lost.
    int later = 0;
    for (int i = 0; i < 50 && later == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        auto again = upload::Uploader::sendOnce(b.options(), b.cfg);
        REQUIRE(again.ok());
        later = again->sent;
    }
    CHECK(later == 1);
    int sent = 0;
    for (const auto& s : subs) sent += entryOf(*store, s.uuid).state == outbox::State::Sent;
    CHECK(sent == 9);
}
