// Open311 GeoReport v2: POST requests.json, form-encoded; the answer holds either a
// service_request_id or a token to poll (GET tokens/<token>.json) until the id exists.
#pragma once

#include "kiosk/upload/connector.hpp"

namespace guichet::upload {

class Open311Connector : public Connector {
public:
    Open311Connector(outbox::Open311Config cfg, outbox::HttpConfig http) : cfg_(std::move(cfg)), http_(std::move(http)) {}
    std::string name() const override { return "open311"; }
    SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) override;
    bool reachable() override { return probe(cfg_.url, http_); }
    bool answersWithTokens() const override { return true; }
    std::optional<std::string> resolveToken(const outbox::Entry& entry) override;

    // The form body for one submission (exposed for tests); an error if a mapping is missing.
    Result<std::string> formBody(const Submission& sub) const;

private:
    outbox::Open311Config cfg_;
    outbox::HttpConfig http_;
};

}  // namespace guichet::upload
