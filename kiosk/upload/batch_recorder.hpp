// Records a batch's outcomes on a SQLite connection and a thread of its own, while the
// sender puts the next batch on the wire (issue 17: recording a batch of 32 took ~0.5 ms
// of SQLite with nothing in flight, as much as claiming it). One batch at a time: record()
// first waits for the previous one, so that batches never pile up here and a claim by the
// sender, made while nothing is being recorded, never waits on SQLite's write lock.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kiosk/upload/batch_record.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::upload {

class BatchRecorder {
public:
    // Its own connection (same options as the sender's) and its thread, started.
    static Result<std::unique_ptr<BatchRecorder>> open(const outbox::StoreOptions& options,
                                                       const std::string& connectorName);
    ~BatchRecorder();  // the batch being recorded is recorded first
    BatchRecorder(const BatchRecorder&) = delete;
    BatchRecorder& operator=(const BatchRecorder&) = delete;

    // Hands `batch` to the thread and returns (once the previous batch is recorded).
    void record(SentBatch batch);
    // Returns once nothing is being recorded: what was recorded since the last call.
    SendReport wait();

private:
    BatchRecorder(std::unique_ptr<outbox::OutboxStore> store, const std::string& connectorName);
    void run();  // the thread's task: records batch_

    std::unique_ptr<outbox::OutboxStore> store_;
    const std::string name_;
    std::mutex mutex_;
    std::condition_variable recorded_;
    bool busy_ = false;              // batch_ is the thread's until it is false again
    std::optional<SentBatch> batch_;
    SendReport report_;
    Worker worker_;  // last: stopped and joined first
};

}  // namespace guichet::upload
