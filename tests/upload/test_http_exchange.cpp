// The HTTP client keeps one configured libcurl handle per thread (no reset between requests)
// and gives small bodies to curl whole: against a real loopback receiver, what must still
// hold when the handle is reused — a server that closes its kept-alive connection, a GET
// after a POST, a body past the buffered size that streams, a body that cannot be read.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "kiosk/upload/http_exchange.hpp"
#include "tests/support/skip.hpp"
#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
using nlohmann::json;

namespace {

outbox::HttpConfig quickHttp() {
    outbox::HttpConfig h;
    h.connectTimeoutMs = 2000;
    h.requestTimeoutMs = 5000;
    return h;
}

// A body whose reads fail, as when the outbox cannot be read mid-send.
class FailingBody : public upload::BodySource {
public:
    explicit FailingBody(std::size_t size) : size_(size) {}
    std::size_t size() const override { return size_; }
    Result<void> rewind() override { return {}; }
    Result<std::size_t> read(char*, std::size_t) override { return makeError(ErrorCode::Io, "disk gone"); }

private:
    std::size_t size_;
};

}  // namespace

TEST_CASE("upload.http a reused handle survives a server that closes each connection after its answer") {
    TempDir dir;
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--close-after"}, dir / "log.jsonl");
    for (int i = 0; i < 5; ++i) {
        const std::string uuid = "00000000-0000-4000-8000-00000000000" + std::to_string(i);
        upload::StringBody body(json{{"uuid", uuid}}.dump());
        upload::HttpRequest req;
        req.url = receiver->url("/hook");
        req.body = &body;
        req.headers = {"Content-Type: application/json", "Idempotency-Key: " + uuid,
                       "X-Guichet-Signature: sha256=" + upload::hmacSha256Hex("s3cret", body)};
        auto res = upload::perform(req, quickHttp());
        INFO("request " << i << ": " << res.error);
        CHECK(res.transferred);
        CHECK(res.status == 201);
        CHECK(res.requestLeft);
    }
    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 5);  // each once: curl reconnected, nothing sent twice
    for (const auto& r : reqs) CHECK(r["signature_ok"] == true);
}

TEST_CASE("upload.http a GET after a POST on the same handle carries no body and no POST method") {
    TempDir dir;
    auto receiver = ReceiverProcess::start({"--mode", "webhook"}, dir / "log.jsonl");
    upload::StringBody body(R"({"uuid":"x"})");
    upload::HttpRequest post;
    post.url = receiver->url("/hook");
    post.body = &body;
    post.headers = {"Content-Type: application/json", "X-Custom: first"};
    (void)upload::perform(post, quickHttp());
    upload::HttpRequest get;
    get.method = "GET";
    get.url = receiver->url("/status");
    (void)upload::perform(get, quickHttp());
    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0]["method"] == "POST");
    CHECK(reqs[0]["body"] == R"({"uuid":"x"})");
    CHECK(reqs[1]["method"] == "GET");
    CHECK(reqs[1]["path"] == "/status");
    CHECK(reqs[1]["body"] == "");
    CHECK_FALSE(reqs[1]["headers"].contains("x-custom"));  // the POST's headers went with it
    CHECK_FALSE(reqs[1]["headers"].contains("content-length"));
}

TEST_CASE("upload.http a small body goes whole, one past the buffered size streams, and both arrive byte for byte") {
    TempDir dir;
    auto receiver = ReceiverProcess::start({"--mode", "webhook"}, dir / "log.jsonl");
    upload::HttpExchange ex;
    ex.configure(quickHttp());
    for (std::size_t size : {std::size_t{2000}, upload::HttpExchange::kBufferedMax + 1}) {
        // A streamed source (not a string), so only its size decides.
        auto sample = sampleBytes(static_cast<int>(size), size);
        std::string text(size, 'a');
        for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + sample[i] % 26);
        struct Streamed : upload::StringBody {
            using StringBody::StringBody;
            const std::string* whole() const override { return nullptr; }
        } body(text);
        upload::HttpRequest req;
        req.url = receiver->url("/hook");
        req.body = &body;
        REQUIRE(ex.start(req));
        CHECK(ex.lastBodyBuffered() == (size <= upload::HttpExchange::kBufferedMax));
        auto res = ex.finish(ex.perform());
        CHECK(res.transferred);
        CHECK(res.requestLeft);
        auto reqs = receiver->requests();
        REQUIRE(!reqs.empty());
        CHECK(reqs.back()["body"] == text);
        CHECK(reqs.back()["headers"]["content-length"] == std::to_string(size));
    }
}

TEST_CASE("upload.http a body that cannot be read is reported, not sent, and the handle stays usable") {
    TempDir dir;
    auto receiver = ReceiverProcess::start({"--mode", "webhook"}, dir / "log.jsonl");
    for (std::size_t size : {std::size_t{100}, upload::HttpExchange::kBufferedMax + 100}) {
        FailingBody bad(size);
        upload::HttpRequest req;
        req.url = receiver->url("/hook");
        req.body = &bad;
        auto res = upload::perform(req, quickHttp());
        CHECK_FALSE(res.transferred);
        CHECK_FALSE(res.requestLeft);  // never counted as possibly received
        CHECK(res.error == "the submission could not be read from the outbox");
    }
    upload::StringBody good(R"({"ok":1})");
    upload::HttpRequest req;
    req.url = receiver->url("/hook");
    req.body = &good;
    auto res = upload::perform(req, quickHttp());
    CHECK(res.transferred);
    int good_seen = 0, whole_others = 0;
    for (const auto& r : receiver->requests()) {
        if (r["body"] == R"({"ok":1})") ++good_seen;
        else if (!r.value("truncated", false)) ++whole_others;  // a failed body never arrives whole
    }
    CHECK(good_seen == 1);
    CHECK(whole_others == 0);
}

TEST_CASE("upload.http a thread's handle follows its configuration: a CA bundle set, then removed, then set again") {
    TempDir dir;
    const std::string cert = dir / "cert.pem", key = dir / "key.pem", both = dir / "both.pem";
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext "
                            "subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert + " >/dev/null 2>&1 && cat " +
                            key + " " + cert + " > " + both;
    if (std::system(cmd.c_str()) != 0) {
        GUICHET_SKIP("openssl not available: no certificate for the TLS test");
    }
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--tls-cert", both}, dir / "log.jsonl");
    upload::HttpRequest get;
    get.method = "GET";
    get.url = "https://127.0.0.1:" + std::to_string(receiver->port()) + "/status";
    auto trusted = quickHttp();
    trusted.caBundle = cert;
    CHECK(upload::perform(get, trusted).transferred);
    auto res = upload::perform(get, quickHttp());  // the system's CAs only: self-signed is refused
    CHECK_FALSE(res.transferred);
    CHECK(res.tlsFailed);
    CHECK(upload::perform(get, trusted).transferred);
}
