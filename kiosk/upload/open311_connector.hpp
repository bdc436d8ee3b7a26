// Open311 GeoReport v2: POST requests.json, form-encoded; the answer holds either a
// service_request_id or a token to poll (GET tokens/<token>.json) until the id exists.
#pragma once

#include "kiosk/upload/connector.hpp"
#include "kiosk/upload/http_client.hpp"

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

    // What the Open311 answer means (exposed for tests and the fuzzer): a service_request_id
    // or a token is sent; an error array is read into the operator's detail.
    static SendOutcome readAnswer(const HttpResponse& res, const std::string& procedureId);
    // The service_request_id of a GET tokens/<token>.json answer, if it has one yet.
    static std::optional<std::string> readTokenAnswer(const std::string& body);

private:
    outbox::Open311Config cfg_;
    outbox::HttpConfig http_;
};

}  // namespace guichet::upload
