#include "kiosk/crypto/json_wipe.hpp"
#include "kiosk/outbox/outbox_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "drivers/common/log.hpp"
#include "kiosk/outbox/outbox_schema.hpp"
#include "kiosk/outbox/payment_intents.hpp"

namespace guichet::outbox {
namespace {

bool fileExists(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0;
}

std::string payloadContext(const std::string& uuid) { return uuid + "/payload"; }

// Binding the position and the "last" flag means chunks cannot be reordered, swapped
// between attachments or truncated without the authentication failing.
std::string chunkContext(const std::string& uuid, int index, int seq, bool last) {
    return uuid + "/attachment/" + std::to_string(index) + "/" + std::to_string(seq) + (last ? "/last" : "/more");
}

const char* const kKeyCheckPlain = "guichet-outbox-key-check";

std::string corruptMarker(const std::string& path) { return path + ".corrupt-alert"; }

// The corrupt file (and its WAL) is renamed, never deleted: whatever it holds may still be
// recovered by hand (sqlite3 .recover). A marker makes every later start refuse until the
// operator acknowledged it, so the queue is never silently recreated empty.
Error moveAside(Db& db, const std::string& path, const std::string& why) {
    db.close();
    char stamp[32];
    std::time_t t = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", std::gmtime(&t));
    const std::string aside = path + ".corrupt-" + stamp;
    bool moved = ::rename(path.c_str(), aside.c_str()) == 0;
    for (const char* suffix : {"-wal", "-shm"})
        if (fileExists(path + suffix)) (void)::rename((path + suffix).c_str(), (aside + suffix).c_str());
    const std::string message = "OPERATOR ALERT: the outbox database " + path + " is corrupt (" + why + "); " +
                                (moved ? "it was moved aside to " + aside : "it could not be moved aside") +
                                ". Submissions are refused until you save it and run: guichetctl outbox ack-corrupt --db " +
                                path;
    std::ofstream(corruptMarker(path)) << message << "\n";
    log::error("outbox", message);
    return makeError(ErrorCode::Corrupt, message);
}

}  // namespace

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char* stateName(State s) {
    switch (s) {
        case State::Queued: return "queued";
        case State::Sending: return "sending";
        case State::Sent: return "sent";
        case State::Rejected: return "rejected";
        case State::Dead: return "dead";
    }
    return "?";
}

std::optional<State> parseState(const std::string& n) {
    for (State s : {State::Queued, State::Sending, State::Sent, State::Rejected, State::Dead})
        if (n == stateName(s)) return s;
    return std::nullopt;
}

Result<std::unique_ptr<OutboxStore>> OutboxStore::open(const StoreOptions& o) {
    if (!crypto::initialise()) return makeError(ErrorCode::Io, "libsodium failed to initialise");
    if (fileExists(corruptMarker(o.path))) {
        std::ifstream in(corruptMarker(o.path));
        std::string line;
        std::getline(in, line);
        return makeError(ErrorCode::Corrupt, line.empty() ? "the outbox database was found corrupt" : line);
    }
    std::unique_ptr<OutboxStore> s(new OutboxStore());
    s->path_ = o.path;
    s->routes_ = o.routes;
    const bool fresh = !fileExists(o.path);

    if (fresh) {  // the queue is readable by its owner only (SQLite would create it 0644)
        int fd = ::open(o.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) ::close(fd);
    }
    Db& db = s->db_;
    if (auto r = db.open(o.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, o.vfs.empty() ? nullptr : o.vfs.c_str()); !r)
        return r.error();
    // 8 KiB pages hold three 2 KiB sealed payloads where 4 KiB pages hold one: a third
    // less file to check at start-up. Only takes effect on a new, empty database.
    if (fresh) (void)db.exec("PRAGMA page_size=8192");
    auto firstTouch = db.exec("PRAGMA journal_mode=WAL");
    if (!firstTouch) {
        if (firstTouch.error().code == ErrorCode::Corrupt) return moveAside(db, o.path, firstTouch.error().message);
        return firstTouch.error();
    }
    if (auto r = db.exec(o.fsyncEachCommit ? "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"
                                           : "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON");
        !r)
        return r.error();
    if (o.integrityCheck != "off") {
        Stmt check = db.prepare(o.integrityCheck == "full" ? "PRAGMA integrity_check(5)" : "PRAGMA quick_check(5)");
        std::string report;
        for (;;) {
            auto row = check.step();
            if (!row) {
                if (row.error().code == ErrorCode::Corrupt) return moveAside(db, o.path, row.error().message);
                return row.error();
            }
            if (!*row) break;
            report += (report.empty() ? "" : "; ") + check.text(0);
        }
        check = Stmt();
        if (report != "ok") return moveAside(db, o.path, "integrity check: " + report);
    }
    if (auto r = migrate(db); !r) {
        if (r.error().code == ErrorCode::Corrupt) return moveAside(db, o.path, r.error().message);
        return r.error();
    }
    // The key comes after the integrity check: a corrupt file is reported as such first.
    // A key is only created while the database has none bound to it (no key_check yet, so
    // nothing sealed): a lost key must never silently make queued submissions unreadable.
    bool bound = false;
    {
        Stmt get = db.prepare("SELECT 1 FROM meta WHERE key = 'key_check'");
        auto row = get.step();
        if (!row) return row.error();
        bound = *row;
    }
    const std::string keyFile = o.keyFile.empty() ? o.path + ".key" : o.keyFile;
    auto key = crypto::loadOrCreateKeyFile(keyFile, o.createKey && !bound);
    if (!key) {
        if (bound && key.error().code == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, key.error().message +
                                                      " (the database exists: restore its key file, it cannot be decrypted without it)");
        return key.error();
    }
    s->key_ = *key;
    // Bind the key to the database (first start), then check it is the one bound.
    {
        Stmt put = db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('key_check', ?1)");
        Bytes sealed = crypto::seal(s->key_, kKeyCheckPlain, "key-check");
        put.bindBlob(1, sealed);
        if (auto r = put.run(); !r) return r.error();
        Stmt get = db.prepare("SELECT value FROM meta WHERE key = 'key_check'");
        auto row = get.step();
        if (!row) return row.error();
        Bytes plain;
        if (!*row || !crypto::open(s->key_, get.blob(0), static_cast<std::size_t>(get.blobSize(0)), "key-check", plain))
            return makeError(ErrorCode::PermissionDenied,
                             keyFile + ": this key file does not belong to the outbox database " + o.path);
    }
    if (auto r = s->prepareStatements(); !r) return r.error();
    return s;
}

OutboxStore::~OutboxStore() {
    insertSubmission_ = Stmt();
    insertPayload_ = Stmt();
    begin_ = Stmt();
    commit_ = Stmt();
    insertAttachment_ = Stmt();
    insertChunk_ = Stmt();
    readChunk_ = Stmt();
    insertAttempt_ = Stmt();
    claimSelect_ = Stmt();
    claimUpdate_ = Stmt();
    markSent_ = Stmt();
    markRejected_ = Stmt();
    attemptsOfRow_ = Stmt();
    markRetry_ = Stmt();
    unclaim_ = Stmt();
    readPayload_ = Stmt();
    listAttachments_ = Stmt();
}

Result<void> OutboxStore::prepareStatements() {
    insertSubmission_ = db_.prepare(
        "INSERT INTO submissions (uuid, reference, procedure_id, procedure_version, connector, language, terminal_id,"
        " created_at, stored_at_ms, state, next_attempt_at_ms, payload_bytes, attachment_bytes, attachment_count)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'queued', ?9, ?10, ?11, ?12) ON CONFLICT (uuid) DO NOTHING");
    begin_ = db_.prepare("BEGIN IMMEDIATE");
    commit_ = db_.prepare("COMMIT");
    insertPayload_ = db_.prepare("INSERT INTO payloads (submission_id, sealed) VALUES (?1, ?2)");
    insertAttachment_ = db_.prepare(
        "INSERT INTO attachments (submission_id, idx, media_type, size, chunks) VALUES (?1, ?2, ?3, ?4, ?5)");
    insertChunk_ = db_.prepare("INSERT INTO chunks (attachment_id, seq, data) VALUES (?1, ?2, ?3)");
    readChunk_ = db_.prepare("SELECT data FROM chunks WHERE attachment_id = ?1 AND seq = ?2");
    insertAttempt_ = db_.prepare(
        "INSERT INTO attempts (submission_id, at_ms, outcome, http_status, detail, delay_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    readPayload_ = db_.prepare("SELECT sealed FROM payloads WHERE submission_id = ?1");
    listAttachments_ = db_.prepare("SELECT id, idx, media_type, size, chunks FROM attachments WHERE submission_id = ?1 ORDER BY idx");
    // The payload in the claim's own statement (column 22): one statement a batch, not one a demand.
    claimSelect_ = db_.prepare(std::string("SELECT ") + kEntryColumns +
                               ", (SELECT sealed FROM payloads WHERE payloads.submission_id = submissions.id)"
                               " FROM submissions WHERE state = 'queued' AND connector = ?1 AND next_attempt_at_ms <= ?2"
                               " ORDER BY next_attempt_at_ms, id LIMIT ?3");
    claimUpdate_ = db_.prepare("UPDATE submissions SET state = 'sending', attempts = attempts + 1 WHERE id = ?1");
    markSent_ = db_.prepare(
        "UPDATE submissions SET state = 'sent', sent_at_ms = ?2, remote_id = NULLIF(?3, ''),"
        " remote_token = NULLIF(?4, ''), last_error = NULL WHERE id = ?1");
    markRejected_ = db_.prepare("UPDATE submissions SET state = 'rejected', last_error = ?2 WHERE id = ?1");
    attemptsOfRow_ = db_.prepare("SELECT attempts FROM submissions WHERE id = ?1");
    markRetry_ = db_.prepare(
        "UPDATE submissions SET state = ?2, last_error = ?3, ambiguous = ambiguous + ?4, next_attempt_at_ms = ?5"
        " WHERE id = ?1");
    unclaim_ = db_.prepare("UPDATE submissions SET state = 'queued', attempts = MAX(attempts - 1, 0) WHERE id = ?1 AND state = 'sending'");
    return {};
}

Result<void> OutboxStore::store(const Submission& sub) { return store(sub, {}); }

Result<void> OutboxStore::storeSettlingPayment(const Submission& sub, const std::string& paymentTxn) {
    PaymentIntents intents(db());
    return store(sub, [&] { return intents.settle(paymentTxn, sub.uuid); });
}

Result<void> OutboxStore::store(const Submission& sub, const std::function<Result<void>()>& also) {
    if (sub.uuid.size() != 36 || sub.procedureId.empty()) {
        lastFailure_ = makeError(ErrorCode::InvalidArgument, "store: submission without a UUID or a procedure");
        log::error("outbox", lastFailure_.message);
        return makeError(ErrorCode::InvalidArgument, kStoreFailedMessage);
    }
    auto r = storeInTransaction(sub, nowMs(), also);
    if (r) {
        if (onStored_) onStored_();
        return {};
    }
    if (!sqlite3_get_autocommit(db_.handle())) (void)db_.exec("ROLLBACK");
    lastFailure_ = r.error();
    // The operator's detail (never personal data: SQLite's message and our own).
    log::error("outbox", std::string("store failed (") + errorCodeName(r.error().code) + "): " + r.error().message);
    return makeError(r.error().code, kStoreFailedMessage);
}

Result<void> OutboxStore::storeInTransaction(const Submission& sub, std::int64_t now,
                                             const std::function<Result<void>()>& also) {
    // Seal before the transaction: the write lock is held for the I/O only.
    nlohmann::json personal = {{"answers", sub.answers}, {"attachment_names", nlohmann::json::array()}};
    std::int64_t attachmentBytes = 0;
    for (const auto& a : sub.attachments) {
        personal["attachment_names"].push_back(a.name);
        attachmentBytes += static_cast<std::int64_t>(a.data.size());
    }
    std::string plain = personal.dump();
    Bytes sealed = crypto::seal(key_, plain, payloadContext(sub.uuid));
    const auto payloadBytes = static_cast<std::int64_t>(plain.size());
    secureWipe(plain);
    crypto::wipeJson(personal);

    auto connector = sub.connector.empty() ? std::string("directory") : sub.connector;
    if (auto it = routes_.find(sub.procedureId); it != routes_.end()) connector = it->second;

    if (auto r = begin_.run(); !r) return r;
    insertSubmission_.bind(1, sub.uuid).bind(2, sub.reference.empty() ? referenceFromUuid(sub.uuid) : sub.reference);
    insertSubmission_.bind(3, sub.procedureId).bind(4, sub.procedureVersion).bind(5, connector);
    insertSubmission_.bind(6, sub.language).bind(7, sub.terminalId).bind(8, sub.createdAt).bind(9, now);
    insertSubmission_.bind(10, payloadBytes).bind(11, attachmentBytes);
    insertSubmission_.bind(12, static_cast<int>(sub.attachments.size()));
    if (auto r = insertSubmission_.run(); !r) return r;
    if (sqlite3_changes(db_.handle()) == 0) {  // the wizard asked twice: already safe
        if (also)
            if (auto r = also(); !r) return r;
        return commit_.run();
    }
    const std::int64_t submissionId = sqlite3_last_insert_rowid(db_.handle());
    insertPayload_.bind(1, submissionId).bindBlob(2, sealed);
    if (auto r = insertPayload_.run(); !r) return r;

    Bytes chunk;
    for (std::size_t i = 0; i < sub.attachments.size(); ++i) {
        const Bytes& data = sub.attachments[i].data;
        const int chunks = data.empty() ? 1 : static_cast<int>((data.size() + kChunkSize - 1) / kChunkSize);
        insertAttachment_.bind(1, submissionId).bind(2, static_cast<int>(i)).bind(3, sub.attachments[i].mediaType);
        insertAttachment_.bind(4, static_cast<std::int64_t>(data.size())).bind(5, chunks);
        if (auto r = insertAttachment_.run(); !r) return r;
        const std::int64_t attachmentId = sqlite3_last_insert_rowid(db_.handle());
        for (int seq = 0; seq < chunks; ++seq) {
            const std::size_t off = static_cast<std::size_t>(seq) * kChunkSize;
            const std::size_t n = std::min(kChunkSize, data.size() - std::min(off, data.size()));
            chunk = crypto::seal(key_, data.data() + off, n, chunkContext(sub.uuid, static_cast<int>(i), seq, seq + 1 == chunks));
            insertChunk_.bind(1, attachmentId).bind(2, seq).bindBlob(3, chunk);
            if (auto r = insertChunk_.run(); !r) return r;
        }
    }
    if (also)
        if (auto r = also(); !r) return r;
    return commit_.run();
}

const Bytes* OutboxStore::claimedPayload(std::int64_t id) const {
    for (const auto& [claimedId, sealed] : claimedPayloads_)
        if (claimedId == id) return &sealed;
    return nullptr;
}

Result<Bytes> OutboxStore::loadPayload(const Entry& e) {
    Bytes plain;
    if (const Bytes* sealed = claimedPayload(e.id)) {  // read with the claim: no statement
        if (auto r = crypto::open(key_, sealed->data(), sealed->size(), payloadContext(e.uuid), plain); !r)
            return makeError(ErrorCode::Corrupt, e.uuid + ": " + r.error().message);
        return plain;
    }
    Stmt& get = readPayload_;
    struct ResetAtEnd {
        Stmt& s;
        ~ResetAtEnd() { s.reset(); }
    } resetAtEnd{get};
    get.reset();
    get.bind(1, e.id);
    auto row = get.step();
    if (!row) return row.error();
    if (!*row)
        return makeError(ErrorCode::NotFound, e.purgedAtMs ? "personal data of " + e.uuid + " was purged"
                                                           : "no personal data stored for " + e.uuid);
    if (auto r = crypto::open(key_, get.blob(0), static_cast<std::size_t>(get.blobSize(0)), payloadContext(e.uuid), plain); !r)
        return makeError(ErrorCode::Corrupt, e.uuid + ": " + r.error().message);
    return plain;  // moved (implicitly), never copied: a copy would be freed unwiped
}

Result<Submission> OutboxStore::loadSubmission(const Entry& e) {
    auto opened = loadPayload(e);
    if (!opened) return opened.error();
    Bytes plain = std::move(*opened);
    Submission s;
    s.uuid = e.uuid;
    s.reference = e.reference;
    s.procedureId = e.procedureId;
    s.procedureVersion = e.procedureVersion;
    s.connector = e.connector;
    s.language = e.language;
    s.terminalId = e.terminalId;
    s.createdAt = e.createdAt;
    try {
        auto j = nlohmann::json::parse(plain.begin(), plain.end());
        secureWipe(plain);
        s.answers = std::move(j["answers"]);
        j["answers"] = nullptr;
        auto metas = attachments(e.id);
        const auto& names = j["attachment_names"];
        for (const auto& m : metas) {
            Attachment a;
            a.name = m.index < static_cast<int>(names.size()) ? names[m.index].get<std::string>() : "piece";
            a.mediaType = m.mediaType;
            s.attachments.push_back(std::move(a));
        }
        crypto::wipeJson(j);
    } catch (const nlohmann::json::exception&) {
        secureWipe(plain);
        return makeError(ErrorCode::Corrupt, e.uuid + ": sealed payload is not JSON");
    }
    return s;
}

std::vector<AttachmentMeta> OutboxStore::attachments(std::int64_t submissionId) {
    std::vector<AttachmentMeta> out;
    Stmt& q = listAttachments_;
    q.reset();
    q.bind(1, submissionId);
    while (true) {
        auto row = q.step();
        if (!row || !*row) break;
        out.push_back({q.i64(0), static_cast<int>(q.i64(1)), q.text(2), q.i64(3), static_cast<int>(q.i64(4))});
    }
    q.reset();
    return out;
}

AttachmentReader OutboxStore::openAttachment(const Entry& entry, const AttachmentMeta& meta) {
    AttachmentReader r;
    r.store_ = this;
    r.uuid_ = entry.uuid;
    r.meta_ = meta;
    return r;
}

Result<bool> AttachmentReader::next(Bytes& out) {
    if (seq_ >= meta_.chunks) return false;
    Stmt& q = store_->readChunk_;
    q.bind(1, meta_.id).bind(2, seq_);
    auto row = q.step();
    if (!row) {
        q.reset();
        return row.error();
    }
    if (!*row) {
        q.reset();
        return makeError(ErrorCode::Corrupt, uuid_ + ": attachment chunk missing");
    }
    auto r = crypto::open(store_->key_, q.blob(0), static_cast<std::size_t>(q.blobSize(0)),
                          chunkContext(uuid_, meta_.index, seq_, seq_ + 1 == meta_.chunks), out);
    q.reset();
    if (!r) return makeError(ErrorCode::Corrupt, uuid_ + ": " + r.error().message);
    ++seq_;
    return true;
}

Result<std::string> OutboxStore::integrityCheck() {
    Stmt q = db_.prepare("PRAGMA integrity_check");
    std::string report;
    for (;;) {
        auto row = q.step();
        if (!row) return row.error();
        if (!*row) break;
        report += (report.empty() ? "" : "; ") + q.text(0);
    }
    return report;
}

Result<void> checkIntegrity(const StoreOptions& o) {
    if (o.integrityCheck == "off") return {};
    Db db;
    if (auto r = db.open(o.path, SQLITE_OPEN_READONLY, o.vfs.empty() ? nullptr : o.vfs.c_str()); !r) return r.error();
    Stmt check = db.prepare(o.integrityCheck == "full" ? "PRAGMA integrity_check(5)" : "PRAGMA quick_check(5)");
    std::string report;
    for (;;) {
        auto row = check.step();
        if (!row) return row.error();  // Corrupt when SQLite says so
        if (!*row) break;
        report += (report.empty() ? "" : "; ") + check.text(0);
    }
    if (report != "ok") return makeError(ErrorCode::Corrupt, "integrity check: " + report);
    return {};
}

}  // namespace guichet::outbox
