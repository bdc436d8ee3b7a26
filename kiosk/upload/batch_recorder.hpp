// Records a batch's outcomes on a SQLite connection and a thread of its own, then claims the
// batch after next, while the sender puts the next batch on the wire (issue 17: claiming
// and recording a batch of 32 took ~1 ms of SQLite with nothing in flight, a quarter of the
// client's CPU per send). One batch at a time: record() and claimed() first wait for the
// work handed before, so that batches never pile up here and the sender's own SQLite work
// never waits on the write lock held by this connection.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/upload/batch_record.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::upload {

// A batch claimed on one connection for the sender of another: its entries, and their
// sealed payloads read by the claim (OutboxStore::adoptClaimedPayloads).
struct ClaimedBatch {
    std::vector<outbox::Entry> entries;
    outbox::OutboxStore::ClaimedPayloads payloads;
};

class BatchRecorder {
public:
    // Its own connection (same options as the sender's) and its thread, started.
    static Result<std::unique_ptr<BatchRecorder>> open(const outbox::StoreOptions& options,
                                                       const std::string& connectorName);
    ~BatchRecorder();  // the work handed is done first
    BatchRecorder(const BatchRecorder&) = delete;
    BatchRecorder& operator=(const BatchRecorder&) = delete;

    // What to claim once a batch is recorded: up to `count` demands due before `before`.
    struct Claim {
        std::int64_t before = 0;
        int count = 0;
    };
    // Hands `batch` to the thread and returns; once recorded, `then` is claimed, kept for
    // claimed(). A claim still kept is not claimed over (the sender takes it first).
    void record(SentBatch batch, std::optional<Claim> then = std::nullopt);
    // The batch claimed after the last record (empty: none, or the claim failed), moved out.
    ClaimedBatch claimed();
    // Returns once the thread is idle: what was recorded since the last call.
    SendReport wait();

private:
    BatchRecorder(std::unique_ptr<outbox::OutboxStore> store, const std::string& connectorName);
    void run();  // the thread's task: records batch_, then claims into claimed_
    void waitIdle(std::unique_lock<std::mutex>& lock);

    std::unique_ptr<outbox::OutboxStore> store_;
    const std::string name_;
    std::mutex mutex_;
    std::condition_variable idle_;
    bool busy_ = false;  // batch_, claim_ and claimed_ are the thread's until it is false again
    std::optional<SentBatch> batch_;
    std::optional<Claim> claim_;
    ClaimedBatch claimed_;
    SendReport report_;
    Worker worker_;  // last: stopped and joined first
};

}  // namespace guichet::upload
