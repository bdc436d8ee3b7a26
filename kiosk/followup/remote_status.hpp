// Asks the back office that received a demand what became of it, through the same
// configuration as the connector that sent it: Open311 GET requests/<id>.json, w.c.s.
// the form's status (signed), a webhook's status URL template, or a status.json that
// staff drop in the demand's folder. Only the status, a short note and a date come back.
#pragma once

#include <optional>
#include <string>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::followup {

struct RemoteStatus {
    enum class Kind { Answered, Unreachable, NotSupported } kind = Kind::NotSupported;
    bool closed = false;      // the back office says the demand is dealt with
    std::string status;       // the back office's word ("open", "Traitée", "in_progress")
    std::string message;      // a note for the resident from the town, if any (capped)
    std::string updatedAt;    // as the back office wrote it (ISO 8601 usually)
    std::string detail;       // for the operator log: why unreachable
};

// Never throws; a malformed answer counts as unreachable (with the reason in detail).
RemoteStatus fetchRemoteStatus(const outbox::OutboxConfig& config, const outbox::Entry& entry);

// Parsers, exposed for tests and fuzzing: the answer bodies of each back office.
RemoteStatus parseOpen311Status(const std::string& body);
RemoteStatus parseWcsStatus(const std::string& body);
RemoteStatus parseWebhookStatus(const std::string& body);

}  // namespace guichet::followup
