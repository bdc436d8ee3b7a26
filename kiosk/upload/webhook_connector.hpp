// The generic webhook: POST of the submission as JSON (attachments inline as base64) or,
// with format = "multipart", as multipart/form-data (the JSON part "submission", then one
// binary part per attachment); Idempotency-Key: <uuid>, X-Guichet-Signature: sha256=<hex
// HMAC-SHA256 of the whole body>.
#pragma once

#include "kiosk/upload/connector.hpp"
#include "kiosk/upload/http_client.hpp"

namespace guichet::upload {

class WebhookConnector : public Connector {
public:
    WebhookConnector(outbox::WebhookConfig cfg, outbox::HttpConfig http) : cfg_(std::move(cfg)), http_(std::move(http)) {}
    std::string name() const override { return "webhook"; }
    SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) override;
    bool reachable() override { return probe(cfg_.url, http_); }

    // What the back office's answer means (exposed for tests and the fuzzer): 2xx sent (an
    // "id" if the JSON has one), 409 already received, else classifyFailure's reading.
    static SendOutcome readAnswer(const HttpResponse& res);

private:
    outbox::WebhookConfig cfg_;
    outbox::HttpConfig http_;
};

}  // namespace guichet::upload
