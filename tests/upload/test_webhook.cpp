// The webhook connector against a real loopback receiver: exact wire format (JSON body,
// base64 attachments, Idempotency-Key, HMAC signature) and the meaning of each answer.
#include <sodium.h>

#include <catch2/catch.hpp>

#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
using nlohmann::json;

namespace {

void useWebhook(UploadBench& b, const ReceiverProcess& r) {
    b.cfg.webhook = outbox::WebhookConfig{r.url("/guichet/hook"), "s3cret"};
    b.cfg.http.requestTimeoutMs = 5000;
    b.cfg.backoff = {1, 5, 3};
}

std::string hmacHex(const std::string& key, const std::string& body) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

}  // namespace

TEST_CASE("upload.webhook wire format: JSON, base64 attachment, Idempotency-Key, HMAC signature") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "webhook"}, b.dir / "log.jsonl");
    useWebhook(b, *receiver);
    auto store = b.open();
    // 200 001 bytes: several sealed chunks, not a multiple of 3.
    auto sub = sampleSubmission(1, "webhook", "signalement-voirie", 200001);
    REQUIRE(store->store(sub).ok());
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(report->sent == 1);

    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 1);
    const auto& r = reqs[0];
    CHECK(r["method"] == "POST");
    CHECK(r["path"] == "/guichet/hook");
    CHECK(r["headers"]["content-type"] == "application/json");
    CHECK(r["headers"]["idempotency-key"] == sub.uuid);
    CHECK(r["signature_ok"] == true);  // checked by the receiver in Python
    CHECK(r["headers"]["x-guichet-signature"] == "sha256=" + hmacHex("s3cret", r["body"]));  // and here
    CHECK(r["headers"]["content-length"] == std::to_string(r["body"].get<std::string>().size()));

    auto body = json::parse(r["body"].get<std::string>());
    CHECK(body["uuid"] == sub.uuid);
    CHECK(body["reference"] == sub.reference);
    CHECK(body["procedure"]["id"] == "signalement-voirie");
    CHECK(body["answers"] == sub.answers);
    REQUIRE(body["attachments"].size() == 1);
    CHECK(body["attachments"][0]["name"] == "photo-trou.jpg");
    CHECK(body["attachments"][0]["media_type"] == "image/jpeg");
    CHECK(body["attachments"][0]["size"] == 200001);
    CHECK(base64Decode(body["attachments"][0]["content_base64"]) == sub.attachments[0].data);
    CHECK(body["possible_duplicate"] == false);

    auto e = entryOf(*store, sub.uuid);
    CHECK(e.state == outbox::State::Sent);
    CHECK(e.remoteId == "WH-1");
}

TEST_CASE("upload.webhook answers: 409 is sent, other 4xx rejected, 5xx retried then dead") {
    UploadBench b;
    // One scripted status per request, in order.
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--statuses", "409,422,503,503,503"}, b.dir / "log.jsonl");
    useWebhook(b, *receiver);
    b.cfg.http.inFlight = 1;  // the scripted statuses go by arrival order: one send at a time
    auto store = b.open();
    auto dup = sampleSubmission(1, "webhook", "p"), bad = sampleSubmission(2, "webhook", "p"),
         flaky = sampleSubmission(3, "webhook", "p");
    for (auto* s : {&dup, &bad, &flaky}) REQUIRE(store->store(*s).ok());

    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg).ok());
    CHECK(entryOf(*store, dup.uuid).state == outbox::State::Sent);  // already received
    auto rejected = entryOf(*store, bad.uuid);
    CHECK(rejected.state == outbox::State::Rejected);
    CHECK(rejected.lastError.find("HTTP 422") != std::string::npos);
    auto retried = entryOf(*store, flaky.uuid);
    CHECK(retried.state == outbox::State::Queued);
    CHECK(retried.lastError.find("HTTP 503") != std::string::npos);

    for (int i = 0; i < 50 && entryOf(*store, flaky.uuid).state == outbox::State::Queued; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg).ok());
    }
    auto dead = entryOf(*store, flaky.uuid);
    CHECK(dead.state == outbox::State::Dead);  // max_attempts = 3
    CHECK(dead.attempts == 3);
    CHECK(receiver->requests().size() == 5);
}

TEST_CASE("upload.webhook with a wrong secret is refused and kept for the operator") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--secret", "the-real-one"}, b.dir / "log.jsonl");
    useWebhook(b, *receiver);
    auto store = b.open();
    auto sub = sampleSubmission(1, "webhook", "p");
    REQUIRE(store->store(sub).ok());
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg).ok());
    auto e = entryOf(*store, sub.uuid);
    CHECK(e.state == outbox::State::Rejected);
    CHECK(e.lastError.find("credentials") != std::string::npos);
    CHECK(receiver->requests()[0]["signature_ok"] == false);
}
