// Open311 GeoReport v2: POST requests.json, form-encoded; the answer holds either a
// service_request_id or a token to poll (GET tokens/<token>.json) until the id exists.
// The resident's choice of problem picks the service_code; the report's photo travels as
// media_url (uploaded first to the town's endpoint) or as a "media" multipart file part.
#pragma once

#include <utility>
#include <variant>
#include <vector>

#include "kiosk/upload/connector.hpp"
#include "kiosk/upload/http_client.hpp"

namespace guichet::upload {

using FormParams = std::vector<std::pair<std::string, std::string>>;

class Open311Connector : public Connector {
public:
    Open311Connector(outbox::Open311Config cfg, outbox::HttpConfig http) : cfg_(std::move(cfg)), http_(std::move(http)) {}
    std::string name() const override { return "open311"; }
    SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) override;
    bool reachable() override { return probe(cfg_.url, http_); }
    bool answersWithTokens() const override { return true; }
    std::optional<std::string> resolveToken(const outbox::Entry& entry) override;

    // The request parameters for one submission, photo aside (exposed for tests); an error
    // if a mapping is missing.
    Result<FormParams> requestParams(const Submission& sub) const;
    // The same, form-encoded.
    Result<std::string> formBody(const Submission& sub) const;
    // "url", "multipart" or "none": how the photo travels with this configuration.
    std::string mediaMode() const;

    // What the Open311 answer means (exposed for tests and the fuzzer): a service_request_id
    // or a token is sent; an error array is read into the operator's detail.
    static SendOutcome readAnswer(const HttpResponse& res, const std::string& procedureId);
    // The service_request_id of a GET tokens/<token>.json answer, if it has one yet.
    static std::optional<std::string> readTokenAnswer(const std::string& body);

private:
    // Uploads attachment `index` to media_upload_url; the address it answers, or an outcome.
    std::variant<std::string, SendOutcome> uploadMedia(outbox::OutboxStore& store, const outbox::Entry& entry,
                                                       const Attachment& file, const outbox::AttachmentMeta& meta);

    outbox::Open311Config cfg_;
    outbox::HttpConfig http_;
};

// GeoReport allows 4000 characters of plain text: the resident's text is cut (at a
// character, with an ellipsis) so that the marker after it always survives whole.
std::string open311Description(const std::string& text, const std::string& marker);
std::size_t utf8Length(const std::string& s);

}  // namespace guichet::upload
