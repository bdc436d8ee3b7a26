// The outbox: every submission kept in one SQLite database (WAL, synchronous=FULL) until
// the back office acknowledged it. Personal data is sealed with the terminal's key.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/crypto/sealed_box.hpp"
#include "kiosk/outbox/sqlite_db.hpp"
#include "kiosk/submission/submission.hpp"

namespace guichet::outbox {

// What the resident reads when their demand could not be kept (disk full, read-only, corrupt).
inline constexpr const char* kStoreFailedMessage =
    "Votre demande n'a pas pu être enregistrée. Adressez-vous à l'accueil.";

// Attachments are sealed in chunks of this size (a multiple of 3, so that the base64 of
// consecutive chunks concatenates without padding): memory stays bounded when sending.
inline constexpr std::size_t kChunkSize = 48 * 1024;

enum class State { Queued, Sending, Sent, Rejected, Dead };
const char* stateName(State s);
std::optional<State> parseState(const std::string& name);

struct StoreOptions {
    std::string path;
    std::string keyFile;             // empty: path + ".key"
    bool createKey = true;           // first start creates the key file (0600)
    std::string integrityCheck = "quick";  // quick | full | off
    std::string vfs;                 // empty: SQLite's default (tests inject faults here)
    std::map<std::string, std::string> routes;  // procedure id -> connector (config [routes])
    // FULL: every commit reaches the disk before it returns — how a resident's demand is
    // stored. The uploader's own connections only move states (claimed, sent, retry):
    // losing the last of those to a power cut re-sends a demand (at-least-once, flagged as
    // a possible duplicate), never loses one; NORMAL spares two fsyncs a send (issue 17).
    bool fsyncEachCommit = true;
};

// The metadata of one queued submission: readable without the key, never personal data.
struct Entry {
    std::int64_t id = 0;
    std::string uuid, reference, procedureId, connector, language, terminalId;
    int procedureVersion = 1;
    State state = State::Queued;
    int attempts = 0;
    int ambiguous = 0;  // attempts whose outcome is unknown (timeout after the request left)
    std::int64_t createdAt = 0, storedAtMs = 0, nextAttemptAtMs = 0, sentAtMs = 0, purgedAtMs = 0;
    std::string remoteId, remoteToken, lastError;
    std::int64_t payloadBytes = 0, attachmentBytes = 0;
    int attachmentCount = 0;
};

struct AttachmentMeta {
    std::int64_t id = 0;
    int index = 0;
    std::string mediaType;
    std::int64_t size = 0;
    int chunks = 0;
};

struct Attempt {
    std::int64_t atMs = 0;
    std::string outcome;  // sent, rejected, retry, ambiguous, dead, interrupted
    int httpStatus = 0;
    std::string detail;
    std::int64_t delayMs = 0;
};

// One send's result, recorded with the others of its batch in one transaction (issue 17:
// two commits a send were most of a backlog's drain time).
struct SendRecord {
    enum class Kind { Sent, Rejected, Retry, Unclaimed } kind = Kind::Retry;
    std::int64_t id = 0;
    std::string remoteId, remoteToken;
    std::string detail;  // for the operator; never personal data
    int httpStatus = 0;
    bool ambiguous = false;
    std::int64_t delayMs = 0;  // Retry: when to try again
    int maxAttempts = 0;       // Retry: dead from this attempt on
    State resulting = State::Queued;  // set by recordBatch: what the row became
};

struct Stats {
    std::map<std::string, std::int64_t> byState;
    std::int64_t oldestQueuedAgeS = 0;
    std::int64_t pendingBytes = 0;  // payload + attachments not yet purged
    std::int64_t tombstones = 0;
    std::int64_t databaseBytes = 0;
};

// Reads one attachment chunk by chunk (decrypting each), so that a 500 KB scan is never
// held in memory at once. Bound to its store; not thread-safe.
class AttachmentReader {
public:
    // Appends the next chunk's plaintext to out; returns false at the end.
    Result<bool> next(Bytes& out);
    const AttachmentMeta& meta() const { return meta_; }

private:
    friend class OutboxStore;
    class OutboxStore* store_ = nullptr;
    std::string uuid_;
    AttachmentMeta meta_;
    int seq_ = 0;
};

class OutboxStore : public SubmissionStore {
public:
    static Result<std::unique_ptr<OutboxStore>> open(const StoreOptions& options);
    ~OutboxStore() override;

    // Commits the submission and all its attachments in one transaction, or returns an
    // error whose message is kStoreFailedMessage (details go to the operator log).
    Result<void> store(const Submission& submission) override;
    // The same, running `alsoInTransaction` (e.g. settling a payment intent) inside the
    // submission's transaction: both are committed, or neither.
    Result<void> store(const Submission& submission, const std::function<Result<void>()>& alsoInTransaction);
    // The approved card payment `paymentTxn` is settled in the submission's transaction:
    // both are committed, or neither (payment_intents.hpp).
    Result<void> storeSettlingPayment(const Submission& submission, const std::string& paymentTxn) override;
    const Error& lastStoreFailure() const { return lastFailure_; }
    // Called after each successful store() (the terminal wires Uploader::wake here).
    void setOnStored(std::function<void()> callback) { onStored_ = std::move(callback); }

    // --- the uploader's side ---
    // Rows left in "sending" by a crash become queued again, counted as ambiguous.
    Result<int> recoverInterrupted(std::int64_t nowMs);
    // The oldest due queued submission of this connector, moved to "sending" (committed).
    Result<std::optional<Entry>> claimNext(const std::string& connector, std::int64_t nowMs);
    // Up to maxCount due submissions of this connector, oldest first, moved to "sending"
    // in one transaction. A crash before their outcomes are recorded re-queues all of them
    // as possible duplicates (recoverInterrupted): at-least-once, never lost.
    // The same statement reads their sealed payloads (still sealed: ciphertext only), kept
    // until the batch is recorded: loadPayload of a claimed entry then reads no row.
    Result<std::vector<Entry>> claimBatch(const std::string& connector, std::int64_t nowMs, int maxCount);
    // The sealed payloads read by the last claimBatch, moved to another connection of this
    // process that sends the batch (the uploader's recorder claims ahead for its sender).
    using ClaimedPayloads = std::vector<std::pair<std::int64_t, Bytes>>;
    ClaimedPayloads takeClaimedPayloads() { return std::move(claimedPayloads_); }
    void adoptClaimedPayloads(ClaimedPayloads payloads) { claimedPayloads_ = std::move(payloads); }
    // Every record in one transaction: all of them, or none (the rows then stay "sending").
    // Unclaimed: never sent (the network went away mid-batch): queued again, attempt not counted.
    Result<void> recordBatch(std::vector<SendRecord>& records, std::int64_t nowMs);
    std::optional<std::int64_t> nextDueMs(const std::string& connector);
    Result<void> markSent(std::int64_t id, const std::string& remoteId, const std::string& remoteToken,
                          std::int64_t nowMs, int httpStatus);
    Result<void> markRejected(std::int64_t id, const std::string& reason, std::int64_t nowMs, int httpStatus);
    // Back to queued for a later attempt, or dead after maxAttempts.
    Result<State> markRetry(std::int64_t id, const std::string& reason, bool ambiguous, std::int64_t nowMs,
                            std::int64_t delayMs, int maxAttempts, int httpStatus);
    Result<void> setRemoteId(std::int64_t id, const std::string& remoteId);
    Result<int> makeAllDue(std::int64_t nowMs);  // the network came back
    std::vector<Entry> awaitingToken(const std::string& connector);

    // Decrypts answers and attachment names (attachment data stays on disk: openAttachment).
    Result<Submission> loadSubmission(const Entry& entry);
    // The sealed personal data, opened: {"answers":…,"attachment_names":[…]} as stored.
    // The caller wipes it. Corrupt (not authentic) or NotFound (purged) as loadSubmission.
    Result<Bytes> loadPayload(const Entry& entry);
    std::vector<AttachmentMeta> attachments(std::int64_t submissionId);
    AttachmentReader openAttachment(const Entry& entry, const AttachmentMeta& meta);

    // --- the operator's side ---
    std::vector<Entry> list(std::optional<State> state);
    std::optional<Entry> find(const std::string& uuid);
    std::vector<Attempt> attemptsOf(std::int64_t id);
    Stats stats(std::int64_t nowMs);
    Result<bool> retry(const std::string& uuid, std::int64_t nowMs);  // rejected/dead -> queued
    Result<int> retryDead(std::int64_t nowMs);
    // Drops the personal data of submissions sent more than retentionDays ago, keeping a tombstone.
    Result<int> purge(int retentionDays, std::int64_t nowMs);
    Result<std::string> integrityCheck();  // "ok" or SQLite's report

    Db& db() { return db_; }
    const std::string& path() const { return path_; }

private:
    friend class AttachmentReader;
    OutboxStore() = default;
    Result<void> prepareStatements();
    Result<void> storeInTransaction(const Submission& s, std::int64_t nowMs, const std::function<Result<void>()>& also);
    Result<void> logAttempt(std::int64_t id, std::int64_t atMs, const std::string& outcome, int httpStatus,
                            const std::string& detail, std::int64_t delayMs);
    // One record's row changes, inside the caller's transaction.
    Result<void> recordOne(SendRecord& record, std::int64_t nowMs);

    Db db_;
    std::string path_;
    crypto::SecretKey key_;
    Error lastFailure_{ErrorCode::Io, {}};
    std::map<std::string, std::string> routes_;
    std::function<void()> onStored_;
    Stmt begin_, commit_, insertSubmission_, insertPayload_, insertAttachment_, insertChunk_, readChunk_, insertAttempt_;
    // The uploader's statements, prepared once: a backlog runs them thousands of times.
    Stmt claimSelect_, claimUpdate_, markSent_, markRejected_, attemptsOfRow_, markRetry_, unclaim_, readPayload_, listAttachments_;
    // The sealed payloads read by the last claimBatch, by submission id (a batch: 32 at most).
    ClaimedPayloads claimedPayloads_;
    const Bytes* claimedPayload(std::int64_t id) const;
};

// The start-up integrity check alone (options.integrityCheck: quick or full), on a read-only
// connection of its own: Corrupt with SQLite's report when it fails. It moves nothing and
// alerts no one: OutboxStore::open with the check does that (the terminal runs this one in
// the background after its first frame, then reopens to report a failure as usual).
Result<void> checkIntegrity(const StoreOptions& options);

// Entry fields read from a "SELECT <kEntryColumns> FROM submissions" row.
extern const char* const kEntryColumns;
Entry entryFromRow(const Stmt& s);

std::int64_t nowMs();  // wall clock, milliseconds since the epoch

}  // namespace guichet::outbox
