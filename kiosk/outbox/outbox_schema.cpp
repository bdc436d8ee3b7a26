#include "kiosk/outbox/outbox_schema.hpp"

#include <string>

namespace guichet::outbox {
namespace {

// Index = version reached after the migration. Never edit a released entry: append one.
const char* const kMigrations[] = {
    nullptr,
    // v1: submissions (metadata in clear), their sealed payloads, attachments in sealed chunks.
    R"sql(
    CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        reference TEXT NOT NULL,
        procedure_id TEXT NOT NULL,
        procedure_version INTEGER NOT NULL,
        connector TEXT NOT NULL,
        language TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        stored_at_ms INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','sending','sent','rejected','dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        ambiguous INTEGER NOT NULL DEFAULT 0,
        next_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
        sent_at_ms INTEGER,
        purged_at_ms INTEGER,
        remote_id TEXT,
        remote_token TEXT,
        last_error TEXT,
        payload_bytes INTEGER NOT NULL,
        attachment_bytes INTEGER NOT NULL,
        attachment_count INTEGER NOT NULL
    );
    -- Sealed personal data apart from the metadata: scans of the queue (start-up, stats)
    -- stay small, and purging is a DELETE here.
    CREATE TABLE payloads (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        sealed BLOB NOT NULL
    );
    CREATE INDEX submissions_due ON submissions (state, connector, next_attempt_at_ms);
    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        chunks INTEGER NOT NULL,
        UNIQUE (submission_id, idx)
    );
    CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        attachment_id INTEGER NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (attachment_id, seq)
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
    )sql",
    // v2: the attempt journal (what the operator reads in `outbox show`).
    R"sql(
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        http_status INTEGER NOT NULL DEFAULT 0,
        detail TEXT,
        delay_ms INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX attempts_by_submission ON attempts (submission_id);
    )sql",
    // v3: card payment intents, committed before a request leaves for the payment terminal
    // (kiosk/outbox/payment_intents.hpp). No card data beyond the last four digits. IF NOT
    // EXISTS: a database whose user_version was set back by hand still migrates.
    R"sql(
    CREATE TABLE IF NOT EXISTS payment_intents (
        id INTEGER PRIMARY KEY,
        txn TEXT NOT NULL UNIQUE,
        procedure_id TEXT NOT NULL,
        bill_reference TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        currency TEXT NOT NULL,
        device TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open','answered','settled','failed','not_sent','unknown','checked')),
        outcome TEXT,
        authorisation TEXT,
        card_last4 TEXT,
        detail TEXT,
        submission_uuid TEXT,
        checked_note TEXT
    );
    CREATE INDEX IF NOT EXISTS payment_intents_by_state ON payment_intents (state);
    )sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion + 1);

}  // namespace

Result<void> migrate(Db& db) {
    Stmt v = db.prepare("PRAGMA user_version");
    auto row = v.step();
    if (!row) return row.error();
    const int current = static_cast<int>(v.i64(0));
    v.reset();
    if (current > kSchemaVersion)
        return makeError(ErrorCode::NotSupported, "the outbox database has schema " + std::to_string(current) +
                                                      ", newer than this Guichet (" + std::to_string(kSchemaVersion) +
                                                      "): upgrade Guichet, do not downgrade");
    for (int next = current + 1; next <= kSchemaVersion; ++next) {
        if (auto r = db.exec("BEGIN IMMEDIATE"); !r) return r;
        // Re-read under the write lock: another process starting at the same moment may
        // have applied this step already.
        auto again = v.step();
        const int now = again && *again ? static_cast<int>(v.i64(0)) : -1;
        v.reset();
        Result<void> r;
        if (now < next) {
            r = db.exec(kMigrations[next]);
            if (r) r = db.exec("PRAGMA user_version = " + std::to_string(next));
        }
        if (r) r = db.exec("COMMIT");
        if (!r) {
            (void)db.exec("ROLLBACK");
            return makeError(r.error().code, "migration to schema " + std::to_string(next) + ": " + r.error().message);
        }
    }
    return {};
}

}  // namespace guichet::outbox
