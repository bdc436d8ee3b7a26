// The webhook's JSON document: the submission (its entry's fields and the resident's
// answers), the attachments' descriptions, the attempt number and the duplicate flag.
// A demand without attachments (most of them) is written straight from the sealed
// payload's text, without parsing the answers and dumping them again: the same bytes
// as the parsed path, for a fraction of the work while a backlog drains.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::upload {

// The parsed path (any demand). multipart: attachments name their part instead of
// carrying a base64 placeholder.
nlohmann::json webhookDocument(const Submission& sub, const outbox::Entry& entry,
                               const std::vector<outbox::AttachmentMeta>& metas, bool multipart);

// The direct path: the dumped document from the opened payload text of a demand without
// attachments; nullopt when the payload is not in the shape the outbox writes (then the
// parsed path is used).
std::optional<std::string> webhookJsonFromPayload(const outbox::Entry& entry, const std::string_view payload);

}  // namespace guichet::upload
