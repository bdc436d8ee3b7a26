// Card payment intents in the outbox database: an intent is committed BEFORE the request
// leaves for the payment terminal, its result is committed with the submission, and any
// intent left open (crash, lost connection) is shown to staff as "à vérifier" — never
// retried automatically. Holds no card data beyond the last four digits.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/outbox/sqlite_db.hpp"

namespace guichet::outbox {

struct PaymentIntent {
    std::int64_t id = 0;
    std::string txn;            // transaction number: printed, told to staff, in the submission
    std::string procedureId, billReference;
    std::int64_t amountCents = 0;
    std::string currency, device;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
    std::string state;          // open, answered, settled, failed, not_sent, unknown, checked
    std::string outcome, authorisation, cardLast4, detail, submissionUuid, checkedNote;

    // Open, answered but not settled, or unknown: a person must look at the TPE's journal.
    bool toCheck() const { return state == "open" || state == "answered" || state == "unknown"; }
};

// What staff read next to an intent to check (French, for the console and guichetctl).
inline constexpr const char* kToCheckLabel = "à vérifier";

class PaymentIntents {
public:
    explicit PaymentIntents(Db& db) : db_(db) {}

    // Commits a new open intent and returns it (with its fresh transaction number).
    Result<PaymentIntent> open(const std::string& procedureId, const std::string& billReference,
                               std::int64_t amountCents, const std::string& currency, const std::string& device);
    // Commits what the TPE answered. outcome "approved" -> state answered (settled later with
    // the submission); "unknown" -> unknown; "not-sent" -> not_sent; any other -> failed.
    Result<void> recordOutcome(const std::string& txn, const std::string& outcome, const std::string& authorisation,
                               const std::string& cardLast4, const std::string& detail);
    // Inside the caller's transaction (OutboxStore::store's alsoInTransaction): answered -> settled.
    Result<void> settle(const std::string& txn, const std::string& submissionUuid);
    // Staff checked the TPE's journal: to-check -> checked, with their note.
    Result<bool> markChecked(const std::string& txn, const std::string& note);

    std::optional<PaymentIntent> find(const std::string& txn);
    std::vector<PaymentIntent> toCheck();
    std::vector<PaymentIntent> recent(int limit);

private:
    Db& db_;
};

// The start-up report: one log line per intent to check (transaction, amount, time, state;
// never card data). Returns how many (the console and metrics show it).
int reportIntentsToCheck(PaymentIntents& intents);

std::string newTransactionNumber();  // "TX-" + 10 characters, unique enough for a terminal

// A connection of its own to an existing outbox database, for a payment worker that may
// outlive the terminal's outbox service (its answer must still be committed at exit).
Result<std::unique_ptr<Db>> openForPayments(const std::string& path);

}  // namespace guichet::outbox
