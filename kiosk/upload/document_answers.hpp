// How a document field's answer names its files, for the connectors that must put each file
// where its field is: the wizard stores {"pages": n, "attachments": [names]} ({"later": true}
// when the paper is brought to the desk); older submissions hold a plain file name.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/submission/submission.hpp"

namespace guichet::upload {

// The attachment indexes (into Submission::attachments) an answer refers to, in its order;
// empty when the answer is not a document.
std::vector<std::size_t> documentAttachments(const nlohmann::json& answer, const std::vector<Attachment>& attachments);

// The whole plaintext of one attachment (for the few cases that must transform it).
Result<Bytes> readAttachment(outbox::OutboxStore& store, const outbox::Entry& entry, const outbox::AttachmentMeta& meta);

}  // namespace guichet::upload
