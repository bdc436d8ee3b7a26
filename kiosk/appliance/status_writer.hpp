// Writes the heartbeat and the metrics file off the UI thread: the UI loop hands over a
// snapshot (cheap), this thread writes heartbeat.json, reads the outbox read-only and
// rewrites the metrics file, each atomically. A UI loop that stops handing snapshots
// leaves the heartbeat to go stale — the point of a heartbeat.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "kiosk/appliance/appliance_config.hpp"
#include "kiosk/appliance/heartbeat.hpp"

namespace guichet::appliance {

class StatusWriter {
public:
    explicit StatusWriter(ApplianceConfig config);
    ~StatusWriter();  // writes the last snapshot handed over, then nothing more
    StatusWriter(const StatusWriter&) = delete;
    StatusWriter& operator=(const StatusWriter&) = delete;

    void submit(Heartbeat snapshot);  // never blocks on I/O
    // Tests: waits until every submitted snapshot has been written.
    void flush();

private:
    void loop();
    void writeOne(const Heartbeat& h);

    ApplianceConfig config_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::optional<Heartbeat> pending_;
    bool busy_ = false;
    bool stop_ = false;
    std::string lastError_;  // logged once per distinct error, not every 15 s
    std::thread thread_;
};

}  // namespace guichet::appliance
