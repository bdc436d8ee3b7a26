#include "kiosk/appliance/status_writer.hpp"

#include <chrono>

#include "drivers/common/log.hpp"
#include "kiosk/appliance/metrics_text.hpp"

namespace guichet::appliance {

StatusWriter::StatusWriter(ApplianceConfig config) : config_(std::move(config)), thread_([this] { loop(); }) {}

StatusWriter::~StatusWriter() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void StatusWriter::submit(Heartbeat snapshot) {
    {
        std::lock_guard lock(mutex_);
        pending_ = std::move(snapshot);  // an unwritten older snapshot is simply replaced
    }
    cv_.notify_all();
}

void StatusWriter::flush() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return (!pending_ && !busy_) || stop_; });
}

void StatusWriter::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        cv_.wait(lock, [&] { return pending_ || stop_; });
        if (!pending_) return;  // stopping, and the last snapshot is written
        Heartbeat h = std::move(*pending_);
        pending_.reset();
        busy_ = true;
        lock.unlock();
        writeOne(h);
        lock.lock();
        busy_ = false;
        cv_.notify_all();
    }
}

void StatusWriter::writeOne(const Heartbeat& h) {
    std::string error;
    if (auto r = writeFileAtomically(heartbeatPath(config_), heartbeatToJson(h), 0640); !r) error = r.error().message;
    if (!config_.metricsFile.empty()) {
        auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
        auto facts = readOutboxFacts(outboxDatabasePath(config_), nowMs);
        std::optional<OutboxFacts> f;
        if (facts) f = *facts;
        // 0644: node_exporter runs as another user and only needs to read it.
        if (auto r = writeFileAtomically(config_.metricsFile, metricsText(h, f), 0644); !r) error = r.error().message;
    }
    if (error != lastError_) {
        if (!error.empty()) log::error("appliance", error);
        else log::info("appliance", "heartbeat and metrics written again");
        lastError_ = error;
    }
}

}  // namespace guichet::appliance
