// The generic webhook: POST of the submission as JSON (attachments inline as base64) or,
// with format = "multipart", as multipart/form-data (the JSON part "submission", then one
// binary part per attachment); Idempotency-Key: <uuid>, X-Guichet-Signature: sha256=<hex
// HMAC-SHA256 of the whole body>. A batch keeps up to [upload] in_flight requests in flight,
// and builds the next body while they travel (with in_flight = 1 too: one on the wire).
#pragma once

#include <memory>
#include <optional>

#include "kiosk/upload/connector.hpp"
#include "kiosk/upload/http_client.hpp"
#include "kiosk/upload/http_parallel.hpp"

namespace guichet::upload {

class WebhookConnector : public Connector {
public:
    WebhookConnector(outbox::WebhookConfig cfg, outbox::HttpConfig http) : cfg_(std::move(cfg)), http_(std::move(http)) {}
    std::string name() const override { return "webhook"; }
    SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) override;
    void sendEach(outbox::OutboxStore& store, const std::vector<outbox::Entry>& entries, BatchSends& sends) override;
    bool reachable() override { return probe(cfg_.url, http_); }
    bool pipelinesBatches() const override { return true; }

    // What the back office's answer means (exposed for tests and the fuzzer): 2xx sent (an
    // "id" if the JSON has one), 409 already received, else classifyFailure's reading.
    static SendOutcome readAnswer(const HttpResponse& res);

private:
    // One submission ready to go: its body (wiped when this goes) and the request over it;
    // or, when it could not be loaded, the outcome to record instead.
    struct Prepared {
        std::unique_ptr<BodySource> body;
        HttpRequest request;
        std::optional<SendOutcome> failed;
    };
    std::unique_ptr<Prepared> prepare(outbox::OutboxStore& store, const outbox::Entry& entry);

    outbox::WebhookConfig cfg_;
    outbox::HttpConfig http_;
    std::unique_ptr<HttpParallel> parallel_;  // kept between batches: its connections stay open
    bool answering_ = false;  // the back office answered the last request (in flight: more than one)
};

}  // namespace guichet::upload
