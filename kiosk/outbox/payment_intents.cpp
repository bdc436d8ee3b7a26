#include "kiosk/outbox/payment_intents.hpp"

#include "drivers/common/log.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/submission/submission.hpp"

namespace guichet::outbox {
namespace {

constexpr const char* kColumns =
    "id, txn, procedure_id, bill_reference, amount_cents, currency, device, created_at_ms, updated_at_ms, state, "
    "outcome, authorisation, card_last4, detail, submission_uuid, checked_note";

PaymentIntent fromRow(const Stmt& s) {
    PaymentIntent p;
    p.id = s.i64(0);
    p.txn = s.text(1);
    p.procedureId = s.text(2);
    p.billReference = s.text(3);
    p.amountCents = s.i64(4);
    p.currency = s.text(5);
    p.device = s.text(6);
    p.createdAtMs = s.i64(7);
    p.updatedAtMs = s.i64(8);
    p.state = s.text(9);
    p.outcome = s.text(10);
    p.authorisation = s.text(11);
    p.cardLast4 = s.text(12);
    p.detail = s.text(13);
    p.submissionUuid = s.text(14);
    p.checkedNote = s.text(15);
    return p;
}

std::vector<PaymentIntent> query(Db& db, const std::string& where, const std::string& param = {}) {
    Stmt s = db.prepare(std::string("SELECT ") + kColumns + " FROM payment_intents " + where);
    if (!param.empty()) s.bind(1, param);
    std::vector<PaymentIntent> out;
    for (;;) {
        auto row = s.step();
        if (!row || !*row) break;
        out.push_back(fromRow(s));
    }
    return out;
}

}  // namespace

std::string newTransactionNumber() {
    std::string u = newUuid();
    std::string t = "TX-";
    for (char c : u) {
        if (c == '-') continue;
        t += static_cast<char>(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
        if (t.size() == 13) break;
    }
    return t;
}

Result<PaymentIntent> PaymentIntents::open(const std::string& procedureId, const std::string& billReference,
                                           std::int64_t amountCents, const std::string& currency,
                                           const std::string& device) {
    PaymentIntent p;
    p.txn = newTransactionNumber();
    p.procedureId = procedureId;
    p.billReference = billReference;
    p.amountCents = amountCents;
    p.currency = currency;
    p.device = device;
    p.createdAtMs = p.updatedAtMs = nowMs();
    p.state = "open";
    // Autocommit: the INSERT is durable (WAL, synchronous=FULL) when run() returns.
    Stmt s = db_.prepare(
        "INSERT INTO payment_intents (txn, procedure_id, bill_reference, amount_cents, currency, device, created_at_ms, "
        "updated_at_ms, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 'open')");
    s.bind(1, p.txn).bind(2, procedureId).bind(3, billReference).bind(4, amountCents).bind(5, currency);
    s.bind(6, device).bind(7, p.createdAtMs);
    if (auto r = s.run(); !r) return r.error();
    p.id = sqlite3_last_insert_rowid(db_.handle());
    return p;
}

Result<void> PaymentIntents::recordOutcome(const std::string& txn, const std::string& outcome,
                                           const std::string& authorisation, const std::string& cardLast4,
                                           const std::string& detail) {
    const char* state = outcome == "approved" ? "answered"
                        : outcome == "unknown" ? "unknown"
                        : outcome == "not-sent" ? "not_sent"
                                                : "failed";
    Stmt s = db_.prepare(
        "UPDATE payment_intents SET state = ?2, outcome = ?3, authorisation = ?4, card_last4 = ?5, detail = ?6, "
        "updated_at_ms = ?7 WHERE txn = ?1 AND state = 'open'");
    s.bind(1, txn).bind(2, state).bind(3, outcome).bind(4, authorisation).bind(5, cardLast4).bind(6, detail);
    s.bind(7, nowMs());
    if (auto r = s.run(); !r) return r;
    if (sqlite3_changes(db_.handle()) == 0)
        return makeError(ErrorCode::NotFound, "payment " + txn + " is not open (already recorded?)");
    return {};
}

Result<void> PaymentIntents::settle(const std::string& txn, const std::string& submissionUuid) {
    Stmt s = db_.prepare(
        "UPDATE payment_intents SET state = 'settled', submission_uuid = ?2, updated_at_ms = ?3 "
        "WHERE txn = ?1 AND state IN ('answered','settled')");
    s.bind(1, txn).bind(2, submissionUuid).bind(3, nowMs());
    if (auto r = s.run(); !r) return r;
    if (sqlite3_changes(db_.handle()) == 0)
        return makeError(ErrorCode::NotFound, "payment " + txn + " has no approval to settle");
    return {};
}

Result<bool> PaymentIntents::markChecked(const std::string& txn, const std::string& note) {
    Stmt s = db_.prepare(
        "UPDATE payment_intents SET state = 'checked', checked_note = ?2, updated_at_ms = ?3 "
        "WHERE txn = ?1 AND state IN ('open','answered','unknown')");
    s.bind(1, txn).bind(2, note).bind(3, nowMs());
    if (auto r = s.run(); !r) return r.error();
    return sqlite3_changes(db_.handle()) > 0;
}

std::optional<PaymentIntent> PaymentIntents::find(const std::string& txn) {
    auto v = query(db_, "WHERE txn = ?1", txn);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<PaymentIntent> PaymentIntents::toCheck() {
    return query(db_, "WHERE state IN ('open','answered','unknown') ORDER BY created_at_ms");
}

std::vector<PaymentIntent> PaymentIntents::recent(int limit) {
    return query(db_, "ORDER BY created_at_ms DESC, id DESC LIMIT " + std::to_string(limit));
}

int reportIntentsToCheck(PaymentIntents& intents) {
    const auto list = intents.toCheck();
    for (const auto& p : list) {
        log::warning("payment", std::string("paiement ") + kToCheckLabel + ": " + p.txn + ", " +
                                    std::to_string(p.amountCents / 100) + "." +
                                    (p.amountCents % 100 < 10 ? "0" : "") + std::to_string(p.amountCents % 100) +
                                    " (" + p.currency + "), state " + p.state +
                                    " — check the payment terminal's journal, never retry automatically");
    }
    return static_cast<int>(list.size());
}

Result<std::unique_ptr<Db>> openForPayments(const std::string& path) {
    auto db = std::make_unique<Db>();
    if (auto r = db->open(path, SQLITE_OPEN_READWRITE, nullptr); !r) return r.error();
    // The terminal's own connection may be writing a submission: wait rather than fail.
    if (auto r = db->exec("PRAGMA busy_timeout=5000"); !r) return r.error();
    return db;
}

}  // namespace guichet::outbox
