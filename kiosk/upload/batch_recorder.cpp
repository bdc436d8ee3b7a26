#include "kiosk/upload/batch_recorder.hpp"

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

void BatchRecorder::record(SentBatch batch) {
    {
        std::unique_lock lock(mutex_);
        recorded_.wait(lock, [this] { return !busy_; });  // its counts stay in report_ for wait()
        batch_ = std::move(batch);
        busy_ = true;
    }
    if (!worker_.post([this] { run(); })) run();  // never stopped before the destructor: not expected
}

void BatchRecorder::run() {
    SendReport recorded = recordSent(*store_, name_, *batch_);
    std::lock_guard lock(mutex_);
    report_.add(recorded);
    batch_.reset();
    busy_ = false;
    recorded_.notify_all();
}

SendReport BatchRecorder::wait() {
    std::unique_lock lock(mutex_);
    recorded_.wait(lock, [this] { return !busy_; });
    SendReport r = report_;
    report_ = SendReport{};
    return r;
}

}  // namespace guichet::upload
