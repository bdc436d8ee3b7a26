// What a completed démarche hands to the core: the answers of one resident for one
// procedure, with its identifiers. The wizard builds it, a SubmissionStore keeps it safe
// (the outbox), a connector carries it to the back office. Holds personal data: wipe().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet {

struct Attachment {
    std::string name;       // "piece-identite.pdf"
    std::string mediaType;  // "application/pdf", "image/jpeg"
    Bytes data;             // personal data: never written unencrypted to disk
};

struct Submission {
    std::string uuid;             // RFC 4122 v4, also the idempotency key
    std::string reference;        // shown and printed: "GU-7K3M-9QX2"
    std::string procedureId;      // "acte-naissance"
    int procedureVersion = 1;
    std::string connector;        // "directory", "webhook", "open311", "wcs" (from the catalogue)
    std::string language;         // "fr"
    std::string terminalId;       // from the terminal's config
    std::int64_t createdAt = 0;   // Unix seconds, UTC
    nlohmann::json answers = nlohmann::json::object();  // field id -> canonical value
    std::vector<Attachment> attachments;

    nlohmann::json toJson() const;  // without attachment data (listed by name/type/size)
    static Result<Submission> fromJson(const nlohmann::json& j);

    void wipe();  // overwrites answers and attachment bytes
};

// Durable storage of submissions. store() returns only once the submission and its
// attachments are committed (a receipt may then be printed), or an error for the resident.
class SubmissionStore {
public:
    virtual ~SubmissionStore() = default;
    virtual Result<void> store(const Submission& submission) = 0;
    // Stores the submission and, in the same transaction, marks the approved card payment
    // `paymentTxn` as settled by it (the outbox keeps payment intents). A store without
    // payment intents just stores: there is nothing to settle there.
    virtual Result<void> storeSettlingPayment(const Submission& submission, const std::string& paymentTxn) {
        (void)paymentTxn;
        return store(submission);
    }
};

std::string newUuid();  // random v4 UUID
// A short reference a person can read out: "GU-" + 8 chars of an alphabet without I L O U,
// grouped 4-4, derived from the UUID.
std::string referenceFromUuid(const std::string& uuid);

}  // namespace guichet
