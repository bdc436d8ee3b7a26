// What the outbox database says about the queue, read from outside the terminal: opened
// read-only (the terminal keeps writing), metadata only — never a payload or a reference.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "drivers/common/result.hpp"

namespace guichet::appliance {

struct OutboxFacts {
    std::map<std::string, std::int64_t> byState;  // every state present, "queued", "sent"…
    std::optional<std::int64_t> oldestQueuedAgeS;  // queued or sending; nullopt: none waiting
    std::int64_t sentToday = 0;                    // since local midnight
    std::map<std::string, std::int64_t> lastSentAtMs;  // per connector
    // Per connector: did the back office (or the share) answer the latest attempt? true:
    // online (sent, or refused with an answer); false: unreachable at the last try (offline).
    // A connector with no attempt yet is absent.
    std::map<std::string, bool> lastAttemptAnswered;
    // Card payments "à vérifier": open, answered but not settled, or of unknown outcome
    // (issue 12). Never retried: staff compare with the payment terminal's journal.
    std::int64_t paymentsToCheck = 0;
    std::int64_t count(const std::string& state) const {
        auto it = byState.find(state);
        return it == byState.end() ? 0 : it->second;
    }
    std::int64_t waiting() const { return count("queued") + count("sending"); }
};

// Errors (missing file, not an outbox, locked, corrupt) say so in one line with the path.
Result<OutboxFacts> readOutboxFacts(const std::string& databasePath, std::int64_t nowMs);

std::int64_t localMidnightMs(std::int64_t nowMs);

}  // namespace guichet::appliance
