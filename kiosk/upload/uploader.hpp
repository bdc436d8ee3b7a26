// The background uploader: one Worker per connector in use, each sending one submission
// at a time, with backoff, online detection and an immediate retry when the network comes
// back. Runs on its own SQLite connections: the UI thread is never blocked by it. Idle, it
// sleeps until the next deadline (a retry, the offline probe, the token poll, retention)
// or a wake-up: a submission stored here, or the outbox changed by another process.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/batch_record.hpp"
#include "kiosk/upload/batch_recorder.hpp"
#include "kiosk/upload/connector.hpp"
#include "kiosk/upload/outbox_watch.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::upload {

// One connector's send loop over its own store connection.
//
// A backlog is sent as a pipeline of batches when the connector allows it (the webhook:
// Connector::pipelinesBatches): once full batch n is answered, batch n+1, claimed ahead,
// starts at once, while a BatchRecorder, on a connection and a thread of its own, records
// batch n's outcomes and then claims batch n+2. Claiming and recording (~1 ms of SQLite a
// batch of 32) leave the requests' path; only the first boundary of a drain claims here.
// What the outbox promises stays: an outcome is recorded only after its answer; a crash
// leaves at most two batches "sending" (re-queued at the next start as possible
// duplicates, never lost: 64 demands, of which at most one batch and the first requests
// of the next were really sent); a batch that did not end cleanly (offline, a send not
// started) is recorded at once and the batches claimed ahead go back to the queue
// untouched (attempt not counted), as they do at a stop.
class ConnectorWorker {
public:
    // recordOptions: how the BatchRecorder opens its connection (the sender's options);
    // empty path: every batch recorded on `store`, after its last answer.
    ConnectorWorker(std::unique_ptr<outbox::OutboxStore> store, std::unique_ptr<Connector> connector,
                    outbox::OutboxConfig cfg, outbox::StoreOptions recordOptions = {});
    ~ConnectorWorker();  // finish()
    // Waits for the batch being recorded and puts a batch claimed ahead back in the queue:
    // nothing left "sending". What was recorded since the last report. Idempotent.
    SendReport finish();
    // Sends every submission due now, once each (what `guichetctl outbox send --once` does).
    SendReport drainOnce();
    // One pass of the loop; returns how long to sleep before the next one (ms), or
    // kNoDeadline when nothing is due until something wakes the worker.
    static constexpr std::int64_t kNoDeadline = -1;
    // A batch: at most this many sends, and no new send once it has lasted kBatchMs (a slow
    // back office then gets its outcomes recorded one by one, as before batching).
    static constexpr int kBatchSize = 32;
    static constexpr std::int64_t kBatchMs = 250;
    std::int64_t step(SendReport& report);
    void networkUp();  // make everything due now
    // This worker also applies the retention (one worker per uploader does).
    void takeRetentionDuty() { purges_ = true; }
    const std::string& connectorName() const { return name_; }
    outbox::OutboxStore& store() { return *store_; }

private:
    // Sends the batch claimed ahead or claims up to kBatchSize due submissions, sends them,
    // records every outcome in one transaction (now, or on the recorder while the batch
    // claimed ahead is sent). False when nothing was due or the outbox could not be read.
    bool sendBatch(SendReport& report, std::int64_t claimBefore);
    // The next batch into ahead_: the recorder's claim (its payloads adopted), else claimed
    // here. False when there is none.
    bool takeAhead(std::int64_t claimBefore);
    // Records `batch` now, on this connection, after the recorder's batch.
    void recordNow(SentBatch& batch, SendReport& report);
    // Back to the queue untouched (attempt not counted): ahead_ and the recorder's claim.
    void unclaimAhead(SendReport& report);
    // The recorder, opened on first use; nullptr when it cannot be (records stay on store_).
    BatchRecorder* recorder();
    outbox::SendRecord recordOf(const SendOutcome& o, const outbox::Entry& entry);
    void pollTokens(std::int64_t now);
    void purgeIfDue(std::int64_t now);

    std::unique_ptr<outbox::OutboxStore> store_;
    std::unique_ptr<Connector> connector_;
    outbox::OutboxConfig cfg_;
    std::string name_;
    bool offline_ = false;
    std::int64_t nextProbeMs_ = 0;
    std::int64_t nextTokenPollMs_ = 0;
    bool purges_ = false;
    std::int64_t nextPurgeMs_ = 0;
    std::mt19937_64 rng_{std::random_device{}()};
    outbox::StoreOptions recordOptions_;
    std::unique_ptr<BatchRecorder> recorder_;
    bool recorderFailed_ = false;
    std::vector<outbox::Entry> ahead_;  // the next batch, claimed ahead: sent at the next sendBatch
};

class Uploader {
public:
    Uploader(outbox::StoreOptions storeOptions, outbox::OutboxConfig cfg);
    ~Uploader();
    // Takes the sender lock (one sender per database), checks the database's integrity
    // (as configured), recovers interrupted sends, starts one thread per connector named in
    // the config or in the queue.
    Result<void> start();
    // The terminal's start (issue 17): takes the sender lock now and returns; the integrity
    // check, the recovery and the connectors' start run on a thread of their own, after
    // the UI's first frame (app/first_frame_gate.hpp), so a large outbox (0.5 s for 100 000
    // demands) neither delays that frame nor takes CPU from it. Nothing is
    // sent before the check passed (the caller's own connection may store meanwhile).
    // A failed check is reported as at open (file moved aside, operator alert, marker) and
    // onFailed is called from that thread; nothing is ever sent then.
    Result<void> startAfterCheck(std::function<void(const Error&)> onFailed);
    // True once the check passed and the connectors run (any thread).
    bool sending() const { return sending_.load(std::memory_order_acquire); }
    void stop();
    void wake();       // a submission was just stored
    void networkUp();  // the system reports connectivity: retry at once
    SendReport report();

    // Runs drainOnce for every connector in the calling thread (guichetctl send --once).
    static Result<SendReport> sendOnce(const outbox::StoreOptions& storeOptions, const outbox::OutboxConfig& cfg);

private:
    // One connector: its send loop and the Worker it runs on.
    struct Lane {
        std::unique_ptr<ConnectorWorker> sender;
        std::unique_ptr<Worker> worker;
        Worker::TimerId timer = 0;             // worker-owned
        std::atomic<bool> stepQueued{false};   // wake-ups coalesce into one step
    };
    void kick(Lane& lane);   // any thread: a step soon
    void step(Lane& lane);   // worker: one pass, then the next deadline
    // After the sender lock: check, recover, start the lanes and the watch.
    Result<void> startSending(const outbox::StoreOptions& options);

    outbox::StoreOptions storeOptions_;
    outbox::OutboxConfig cfg_;
    std::vector<std::unique_ptr<Lane>> lanes_;
    std::unique_ptr<OutboxWatch> watch_;
    std::mutex mutex_;
    SendReport report_;
    int lockFd_ = -1;
    std::thread starter_;  // startAfterCheck's: joined by stop()
    std::atomic<bool> stopping_{false};
    // Set (release) once lanes_ and watch_ are complete: before it, wake() and networkUp()
    // have nothing to do and must not read lanes_ (the starter thread fills it).
    std::atomic<bool> sending_{false};
};

// The connectors an outbox needs: those configured plus those its queue names.
std::vector<std::string> connectorsInUse(outbox::OutboxStore& store, const outbox::OutboxConfig& cfg);
// flock on <db>.sender.lock; an error if another process is sending from this database.
Result<int> takeSenderLock(const std::string& dbPath);

}  // namespace guichet::upload
