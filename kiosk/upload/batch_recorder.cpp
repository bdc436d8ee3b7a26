#include "kiosk/upload/batch_recorder.hpp"

#include <utility>

#include "drivers/common/log.hpp"

namespace guichet::upload {

BatchRecorder::BatchRecorder(std::unique_ptr<outbox::OutboxStore> store, const std::string& connectorName)
    : store_(std::move(store)), name_(connectorName), worker_(("record-" + connectorName).substr(0, 15)) {}

Result<std::unique_ptr<BatchRecorder>> BatchRecorder::open(const outbox::StoreOptions& options,
                                                           const std::string& connectorName) {
    auto store = outbox::OutboxStore::open(options);
    if (!store) return store.error();
    std::unique_ptr<BatchRecorder> recorder(new BatchRecorder(std::move(*store), connectorName));
    if (auto started = recorder->worker_.start(); !started) return started.error();
    return recorder;
}

BatchRecorder::~BatchRecorder() { (void)wait(); }

void BatchRecorder::waitIdle(std::unique_lock<std::mutex>& lock) {
    idle_.wait(lock, [this] { return !busy_; });
}

void BatchRecorder::record(SentBatch batch, std::optional<Claim> then) {
    {
        std::unique_lock lock(mutex_);
        waitIdle(lock);  // the counts of the batch before stay in report_ for wait()
        batch_ = std::move(batch);
        claim_ = claimed_.entries.empty() ? then : std::nullopt;
        busy_ = true;
    }
    if (!worker_.post([this] { run(); })) run();  // never stopped before the destructor: not expected
}

void BatchRecorder::run() {
    SendReport recorded = recordSent(*store_, name_, *batch_);
    ClaimedBatch next;
    if (claim_) {
        auto claims = store_->claimBatch(name_, claim_->before, claim_->count);
        if (claims) {
            next.entries = std::move(*claims);
            next.payloads = store_->takeClaimedPayloads();
        } else {  // the sender claims it itself at the next batch, and says so if it fails too
            log::warning("upload", name_ + ": cannot claim ahead: " + claims.error().message);
        }
    }
    std::lock_guard lock(mutex_);
    report_.add(recorded);
    if (!next.entries.empty()) claimed_ = std::move(next);
    batch_.reset();
    claim_.reset();
    busy_ = false;
    idle_.notify_all();
}

ClaimedBatch BatchRecorder::claimed() {
    std::unique_lock lock(mutex_);
    waitIdle(lock);
    return std::exchange(claimed_, ClaimedBatch{});
}

SendReport BatchRecorder::wait() {
    std::unique_lock lock(mutex_);
    waitIdle(lock);
    return std::exchange(report_, SendReport{});
}

}  // namespace guichet::upload
