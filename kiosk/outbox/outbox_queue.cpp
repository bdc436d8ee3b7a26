// The outbox's state machine (queued -> sending -> sent | rejected | dead) and the
// operator's queries. Every transition is one committed statement or transaction.
#include <sys/stat.h>

#include <algorithm>

#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::outbox {

const char* const kEntryColumns =
    "id, uuid, reference, procedure_id, procedure_version, connector, language, terminal_id, state, attempts,"
    " ambiguous, created_at, stored_at_ms, next_attempt_at_ms, sent_at_ms, purged_at_ms, remote_id, remote_token,"
    " last_error, payload_bytes, attachment_bytes, attachment_count";

Entry entryFromRow(const Stmt& s) {
    Entry e;
    e.id = s.i64(0);
    e.uuid = s.text(1);
    e.reference = s.text(2);
    e.procedureId = s.text(3);
    e.procedureVersion = static_cast<int>(s.i64(4));
    e.connector = s.text(5);
    e.language = s.text(6);
    e.terminalId = s.text(7);
    e.state = parseState(s.text(8)).value_or(State::Queued);
    e.attempts = static_cast<int>(s.i64(9));
    e.ambiguous = static_cast<int>(s.i64(10));
    e.createdAt = s.i64(11);
    e.storedAtMs = s.i64(12);
    e.nextAttemptAtMs = s.i64(13);
    e.sentAtMs = s.i64(14);
    e.purgedAtMs = s.i64(15);
    e.remoteId = s.text(16);
    e.remoteToken = s.text(17);
    e.lastError = s.text(18);
    e.payloadBytes = s.i64(19);
    e.attachmentBytes = s.i64(20);
    e.attachmentCount = static_cast<int>(s.i64(21));
    return e;
}

namespace {
std::vector<Entry> collect(Stmt& q) {
    std::vector<Entry> out;
    for (;;) {
        auto row = q.step();
        if (!row || !*row) break;
        out.push_back(entryFromRow(q));
    }
    return out;
}
}  // namespace

Result<void> OutboxStore::logAttempt(std::int64_t id, std::int64_t atMs, const std::string& outcome, int httpStatus,
                                     const std::string& detail, std::int64_t delayMs) {
    insertAttempt_.bind(1, id).bind(2, atMs).bind(3, outcome).bind(4, httpStatus).bind(5, detail).bind(6, delayMs);
    return insertAttempt_.run();
}

// A statement plus its journal line in one transaction.
#define GUICHET_TX(body)                                              \
    do {                                                              \
        if (auto r_ = db_.exec("BEGIN IMMEDIATE"); !r_) return r_.error(); \
        auto rb_ = [&]() -> Result<void> { body };                    \
        auto r2_ = rb_();                                             \
        if (r2_) r2_ = db_.exec("COMMIT");                            \
        if (!r2_) {                                                   \
            if (!sqlite3_get_autocommit(db_.handle())) (void)db_.exec("ROLLBACK"); \
            return r2_.error();                                       \
        }                                                             \
    } while (0)

Result<int> OutboxStore::recoverInterrupted(std::int64_t now) {
    int n = 0;
    GUICHET_TX({
        Stmt q = db_.prepare("SELECT id FROM submissions WHERE state = 'sending'");
        std::vector<std::int64_t> ids;
        for (;;) {
            auto row = q.step();
            if (!row) return row.error();
            if (!*row) break;
            ids.push_back(q.i64(0));
        }
        for (auto id : ids) {
            Stmt u = db_.prepare(
                "UPDATE submissions SET state = 'queued', ambiguous = ambiguous + 1, next_attempt_at_ms = ?2,"
                " last_error = 'interrupted while sending: the back office may have it already' WHERE id = ?1");
            u.bind(1, id).bind(2, now);
            if (auto r = u.run(); !r) return r;
            if (auto r = logAttempt(id, now, "interrupted", 0, "process stopped during the request", 0); !r) return r;
        }
        n = static_cast<int>(ids.size());
        return {};
    });
    return n;
}

Result<std::vector<Entry>> OutboxStore::claimBatch(const std::string& connector, std::int64_t now, int maxCount) {
    std::vector<Entry> claimed;
    claimedPayloads_.clear();
    GUICHET_TX({
        claimSelect_.reset();
        claimSelect_.bind(1, connector).bind(2, now).bind(3, std::max(maxCount, 1));
        for (;;) {
            auto row = claimSelect_.step();
            if (!row) {
                claimSelect_.reset();
                return row.error();
            }
            if (!*row) break;
            claimed.push_back(entryFromRow(claimSelect_));
            if (!claimSelect_.isNull(22)) {
                const std::uint8_t* blob = claimSelect_.blob(22);
                claimedPayloads_.emplace_back(claimed.back().id, Bytes(blob, blob + claimSelect_.blobSize(22)));
            }
        }
        claimSelect_.reset();
        for (auto& e : claimed) {
            claimUpdate_.bind(1, e.id);
            if (auto r = claimUpdate_.run(); !r) return r;
            e.state = State::Sending;
            e.attempts += 1;
        }
        return {};
    });
    return claimed;
}

Result<std::optional<Entry>> OutboxStore::claimNext(const std::string& connector, std::int64_t now) {
    auto batch = claimBatch(connector, now, 1);
    if (!batch) return batch.error();
    if (batch->empty()) return std::optional<Entry>{};
    return std::optional<Entry>{batch->front()};
}

Result<void> OutboxStore::recordOne(SendRecord& rec, std::int64_t now) {
    using Kind = SendRecord::Kind;
    switch (rec.kind) {
        case Kind::Sent: {
            markSent_.bind(1, rec.id).bind(2, now).bind(3, rec.remoteId).bind(4, rec.remoteToken);
            if (auto r = markSent_.run(); !r) return r;
            rec.resulting = State::Sent;
            return logAttempt(rec.id, now, "sent", rec.httpStatus, rec.remoteId.empty() ? rec.remoteToken : rec.remoteId, 0);
        }
        case Kind::Rejected: {
            markRejected_.bind(1, rec.id).bind(2, rec.detail);
            if (auto r = markRejected_.run(); !r) return r;
            rec.resulting = State::Rejected;
            return logAttempt(rec.id, now, "rejected", rec.httpStatus, rec.detail, 0);
        }
        case Kind::Retry: {
            attemptsOfRow_.bind(1, rec.id);
            auto row = attemptsOfRow_.step();
            const bool found = row && *row;
            const std::int64_t attempts = found ? attemptsOfRow_.i64(0) : 0;
            attemptsOfRow_.reset();
            if (!row) return row.error();
            if (!found) return makeError(ErrorCode::NotFound, "no such submission");
            const State next = attempts >= rec.maxAttempts ? State::Dead : State::Queued;
            markRetry_.bind(1, rec.id).bind(2, stateName(next)).bind(3, rec.detail).bind(4, rec.ambiguous ? 1 : 0)
                .bind(5, now + rec.delayMs);
            if (auto r = markRetry_.run(); !r) return r;
            rec.resulting = next;
            const char* outcome = next == State::Dead ? "dead" : rec.ambiguous ? "ambiguous" : "retry";
            return logAttempt(rec.id, now, outcome, rec.httpStatus, rec.detail, next == State::Dead ? 0 : rec.delayMs);
        }
        case Kind::Unclaimed: {
            unclaim_.bind(1, rec.id);
            rec.resulting = State::Queued;
            return unclaim_.run();
        }
    }
    return {};
}

Result<void> OutboxStore::recordBatch(std::vector<SendRecord>& records, std::int64_t now) {
    claimedPayloads_.clear();  // the batch is over: its payloads are read from the table again
    if (records.empty()) return {};
    GUICHET_TX({
        for (auto& rec : records)
            if (auto r = recordOne(rec, now); !r) return r;
        return {};
    });
    return {};
}

std::optional<std::int64_t> OutboxStore::nextDueMs(const std::string& connector) {
    Stmt q = db_.prepare("SELECT MIN(next_attempt_at_ms) FROM submissions WHERE state = 'queued' AND connector = ?1");
    q.bind(1, connector);
    auto row = q.step();
    if (!row || !*row || q.isNull(0)) return std::nullopt;
    return q.i64(0);
}

Result<void> OutboxStore::markSent(std::int64_t id, const std::string& remoteId, const std::string& remoteToken,
                                   std::int64_t now, int httpStatus) {
    std::vector<SendRecord> one(1);
    one[0].kind = SendRecord::Kind::Sent;
    one[0].id = id;
    one[0].remoteId = remoteId;
    one[0].remoteToken = remoteToken;
    one[0].httpStatus = httpStatus;
    return recordBatch(one, now);
}

Result<void> OutboxStore::markRejected(std::int64_t id, const std::string& reason, std::int64_t now, int httpStatus) {
    std::vector<SendRecord> one(1);
    one[0].kind = SendRecord::Kind::Rejected;
    one[0].id = id;
    one[0].detail = reason;
    one[0].httpStatus = httpStatus;
    return recordBatch(one, now);
}

Result<State> OutboxStore::markRetry(std::int64_t id, const std::string& reason, bool ambiguous, std::int64_t now,
                                     std::int64_t delayMs, int maxAttempts, int httpStatus) {
    std::vector<SendRecord> one(1);
    one[0].kind = SendRecord::Kind::Retry;
    one[0].id = id;
    one[0].detail = reason;
    one[0].ambiguous = ambiguous;
    one[0].delayMs = delayMs;
    one[0].maxAttempts = maxAttempts;
    one[0].httpStatus = httpStatus;
    if (auto r = recordBatch(one, now); !r) return r.error();
    return one[0].resulting;
}

Result<void> OutboxStore::setRemoteId(std::int64_t id, const std::string& remoteId) {
    Stmt u = db_.prepare("UPDATE submissions SET remote_id = ?2 WHERE id = ?1");
    u.bind(1, id).bind(2, remoteId);
    return u.run();
}

Result<int> OutboxStore::makeAllDue(std::int64_t now) {
    Stmt u = db_.prepare("UPDATE submissions SET next_attempt_at_ms = ?1 WHERE state = 'queued' AND next_attempt_at_ms > ?1");
    u.bind(1, now);
    if (auto r = u.run(); !r) return r.error();
    return sqlite3_changes(db_.handle());
}

std::vector<Entry> OutboxStore::awaitingToken(const std::string& connector) {
    Stmt q = db_.prepare(std::string("SELECT ") + kEntryColumns +
                         " FROM submissions WHERE state = 'sent' AND connector = ?1 AND remote_token IS NOT NULL"
                         " AND remote_id IS NULL ORDER BY id LIMIT 50");
    q.bind(1, connector);
    return collect(q);
}

std::vector<Entry> OutboxStore::list(std::optional<State> state) {
    Stmt q = db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM submissions" +
                         (state ? " WHERE state = ?1" : "") + " ORDER BY id");
    if (state) q.bind(1, stateName(*state));
    return collect(q);
}

std::optional<Entry> OutboxStore::find(const std::string& uuid) {
    Stmt q = db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM submissions WHERE uuid = ?1 OR reference = ?1");
    q.bind(1, uuid);
    auto v = collect(q);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<Attempt> OutboxStore::attemptsOf(std::int64_t id) {
    std::vector<Attempt> out;
    Stmt q = db_.prepare("SELECT at_ms, outcome, http_status, detail, delay_ms FROM attempts WHERE submission_id = ?1 ORDER BY id");
    q.bind(1, id);
    for (;;) {
        auto row = q.step();
        if (!row || !*row) break;
        out.push_back({q.i64(0), q.text(1), static_cast<int>(q.i64(2)), q.text(3), q.i64(4)});
    }
    return out;
}

Stats OutboxStore::stats(std::int64_t now) {
    Stats st;
    for (State s : {State::Queued, State::Sending, State::Sent, State::Rejected, State::Dead}) st.byState[stateName(s)] = 0;
    Stmt q = db_.prepare(
        "SELECT state, COUNT(*), SUM(CASE WHEN purged_at_ms IS NULL THEN payload_bytes + attachment_bytes ELSE 0 END),"
        " MIN(stored_at_ms), SUM(purged_at_ms IS NOT NULL) FROM submissions GROUP BY state");
    for (;;) {
        auto row = q.step();
        if (!row || !*row) break;
        st.byState[q.text(0)] = q.i64(1);
        st.pendingBytes += q.i64(2);
        st.tombstones += q.i64(4);
        if (q.text(0) == "queued" || q.text(0) == "sending")
            st.oldestQueuedAgeS = std::max(st.oldestQueuedAgeS, (now - q.i64(3)) / 1000);
    }
    struct stat sb {};
    if (::stat(path_.c_str(), &sb) == 0) st.databaseBytes = sb.st_size;
    if (::stat((path_ + "-wal").c_str(), &sb) == 0) st.databaseBytes += sb.st_size;
    return st;
}

Result<bool> OutboxStore::retry(const std::string& uuid, std::int64_t now) {
    bool changed = false;
    GUICHET_TX({
        Stmt u = db_.prepare(
            "UPDATE submissions SET state = 'queued', attempts = 0, next_attempt_at_ms = ?2"
            " WHERE (uuid = ?1 OR reference = ?1) AND state IN ('rejected', 'dead') AND purged_at_ms IS NULL");
        u.bind(1, uuid).bind(2, now);
        if (auto r = u.run(); !r) return r;
        changed = sqlite3_changes(db_.handle()) > 0;
        return {};
    });
    return changed;
}

Result<int> OutboxStore::retryDead(std::int64_t now) {
    Stmt u = db_.prepare("UPDATE submissions SET state = 'queued', attempts = 0, next_attempt_at_ms = ?1 WHERE state = 'dead'");
    u.bind(1, now);
    if (auto r = u.run(); !r) return r.error();
    return sqlite3_changes(db_.handle());
}

Result<int> OutboxStore::purge(int retentionDays, std::int64_t now) {
    const std::int64_t cutoff = now - static_cast<std::int64_t>(retentionDays) * 86400000;
    int n = 0;
    GUICHET_TX({
        Stmt del = db_.prepare(
            "DELETE FROM attachments WHERE submission_id IN (SELECT id FROM submissions WHERE state = 'sent'"
            " AND purged_at_ms IS NULL AND sent_at_ms <= ?1)");
        del.bind(1, cutoff);
        if (auto r = del.run(); !r) return r;
        Stmt payloads = db_.prepare(
            "DELETE FROM payloads WHERE submission_id IN (SELECT id FROM submissions WHERE state = 'sent'"
            " AND purged_at_ms IS NULL AND sent_at_ms <= ?1)");
        payloads.bind(1, cutoff);
        if (auto r = payloads.run(); !r) return r;
        // The tombstone: UUID, reference, remote id and times stay for the audit trail.
        Stmt u = db_.prepare(
            "UPDATE submissions SET purged_at_ms = ?2 WHERE state = 'sent' AND purged_at_ms IS NULL"
            " AND sent_at_ms <= ?1");
        u.bind(1, cutoff).bind(2, now);
        if (auto r = u.run(); !r) return r;
        n = sqlite3_changes(db_.handle());
        return {};
    });
    // Freed pages are reused by later submissions; the WAL is folded back so the erased
    // ciphertext does not linger in it.
    (void)db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return n;
}

}  // namespace guichet::outbox
