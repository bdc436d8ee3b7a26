#include "kiosk/appliance/outbox_facts.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "kiosk/outbox/sqlite_db.hpp"

namespace guichet::appliance {

std::int64_t localMidnightMs(std::int64_t nowMs) {
    std::time_t t = static_cast<std::time_t>(nowMs / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
}

Result<OutboxFacts> readOutboxFacts(const std::string& path, std::int64_t nowMs) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return makeError(ErrorCode::NotFound, path + ": the outbox database does not exist");
    outbox::Db db;
    // Read-only: status must never change the terminal's data, nor create a file.
    if (auto r = db.open(path, SQLITE_OPEN_READONLY, nullptr); !r)
        return makeError(r.error().code, path + ": the outbox database cannot be opened: " + r.error().message);
    sqlite3_busy_timeout(db.handle(), 500);
    OutboxFacts f;
    auto fail = [&](const Error& e) {
        return makeError(e.code, path + ": the outbox database cannot be read: " + e.message);
    };
    {
        auto s = db.prepare("SELECT state, COUNT(*) FROM submissions GROUP BY state");
        for (;;) {
            auto row = s.step();
            if (!row) return fail(row.error());
            if (!*row) break;
            f.byState[s.text(0)] = s.i64(1);
        }
    }
    {
        auto s = db.prepare("SELECT MIN(stored_at_ms) FROM submissions WHERE state IN ('queued','sending')");
        auto row = s.step();
        if (!row) return fail(row.error());
        if (*row && !s.isNull(0)) f.oldestQueuedAgeS = std::max<std::int64_t>(0, (nowMs - s.i64(0)) / 1000);
    }
    {
        auto s = db.prepare("SELECT connector, MAX(sent_at_ms) FROM submissions WHERE state = 'sent' "
                            "AND sent_at_ms IS NOT NULL GROUP BY connector");
        for (;;) {
            auto row = s.step();
            if (!row) return fail(row.error());
            if (!*row) break;
            f.lastSentAtMs[s.text(0)] = s.i64(1);
        }
    }
    {
        // The latest attempt of each connector: an answer (sent, rejected, any HTTP status)
        // means the back office was reachable then.
        auto s = db.prepare(
            "SELECT s.connector, a.outcome, a.http_status FROM attempts a JOIN submissions s ON s.id = a.submission_id"
            " WHERE a.id IN (SELECT MAX(a2.id) FROM attempts a2 JOIN submissions s2 ON s2.id = a2.submission_id"
            " GROUP BY s2.connector)");
        for (;;) {
            auto row = s.step();
            if (!row) return fail(row.error());
            if (!*row) break;
            const std::string outcome = s.text(1);
            f.lastAttemptAnswered[s.text(0)] = outcome == "sent" || outcome == "rejected" || s.i64(2) > 0;
        }
    }
    {
        auto s = db.prepare("SELECT COUNT(*) FROM submissions WHERE state = 'sent' AND sent_at_ms >= ?");
        s.bind(1, localMidnightMs(nowMs));
        auto row = s.step();
        if (!row) return fail(row.error());
        if (*row) f.sentToday = s.i64(0);
    }
    {
        // A database from before schema v3 has no payment_intents table: nothing to check.
        auto has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'payment_intents'");
        auto exists = has.step();
        if (!exists) return fail(exists.error());
        if (*exists) {
            auto s = db.prepare("SELECT COUNT(*) FROM payment_intents WHERE state IN ('open','answered','unknown')");
            auto row = s.step();
            if (!row) return fail(row.error());
            if (*row) f.paymentsToCheck = s.i64(0);
        }
    }
    return f;
}

}  // namespace guichet::appliance
