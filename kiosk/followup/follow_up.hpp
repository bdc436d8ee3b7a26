// "Suivre ma demande": what the terminal can tell a resident about a reference printed on
// their receipt — from its own outbox first (kept, waiting for the network, sent on …),
// then from the back office that received it. Only states, dates and the procedure's
// name: never an answer, never a name. A reference this terminal does not know is
// "unknown here", without saying whether it exists elsewhere.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/followup/remote_status.hpp"
#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::followup {

struct FollowUpAnswer {
    enum class Kind { Unknown, Stored, Sending, Sent, AtDesk } kind = Kind::Unknown;
    std::string reference;     // canonical
    std::string procedureId;   // for the title; the caller names it from the catalogue
    std::int64_t storedAtMs = 0, sentAtMs = 0;
    std::optional<RemoteStatus> remote;  // only when sent and the back office answered or was asked

    // Plain-French (or the session's language) lines for the screen and speech: what the
    // state is, then what to do next.
    std::string headline() const;
    std::string nextStep() const;
    nlohmann::json toJson() const;  // guichetctl outbox status --json
};

// The outbox entry with this canonical reference, if this terminal has it.
std::optional<outbox::Entry> findByReference(outbox::OutboxStore& store, const std::string& canonical);

// The outbox's view of one entry (no network).
FollowUpAnswer answerFor(const std::string& canonical, const outbox::Entry& entry);

// The whole answer. `askBackOffice` false: the outbox's view only (offline, or a test).
FollowUpAnswer followUp(outbox::OutboxStore& store, const outbox::OutboxConfig& config, const std::string& canonical,
                        bool askBackOffice);

// "le 6 décembre 2026 à 14 h 05" in local time (the receipt's way of writing dates).
std::string frenchDateTime(std::int64_t unixMs);

}  // namespace guichet::followup
