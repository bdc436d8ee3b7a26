// Publik w.c.s.: POST api/formdefs/<slug>/submit with a signed query string (algo, orig,
// timestamp, nonce, signature), re-signed for every attempt; files inline as base64, each
// document in its own file field.
#pragma once

#include "kiosk/upload/connector.hpp"
#include "kiosk/upload/http_client.hpp"

namespace guichet::upload {

class WcsConnector : public Connector {
public:
    WcsConnector(outbox::WcsConfig cfg, outbox::HttpConfig http) : cfg_(std::move(cfg)), http_(std::move(http)) {}
    std::string name() const override { return "wcs"; }
    SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) override;
    bool reachable() override { return probe(cfg_.url, http_); }

    // "algo=sha256&orig=...&timestamp=...&nonce=...&signature=..." for this moment.
    static std::string signedQuery(const std::string& orig, const std::string& key, std::int64_t unixSeconds,
                                   const std::string& nonce);

    // The form's data: each answer under its w.c.s. field, each document as one file object
    // in its own field (several scanned pages become one PDF). An error when a document
    // cannot be placed: the submission is refused rather than delivered without it.
    Result<nlohmann::json> placeAnswers(outbox::OutboxStore& store, const outbox::Entry& entry, const Submission& sub,
                                        const std::vector<outbox::AttachmentMeta>& metas) const;

    // What w.c.s.'s answer means (exposed for tests and the fuzzer): {"err":0,"data":{"id"}}
    // sent, err=1 refused, an unreadable 2xx retried as possibly received.
    static SendOutcome readAnswer(const HttpResponse& res);

private:
    outbox::WcsConfig cfg_;
    outbox::HttpConfig http_;
};

}  // namespace guichet::upload
