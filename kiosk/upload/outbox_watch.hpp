// Tells the uploader that another process (guichetctl outbox enqueue, retry) wrote to the
// outbox: inotify on the database's folder, one thread blocked in poll() — it wakes when the
// database or its WAL changes, never on a timer. Our own writes wake it too (harmless: the
// uploader then finds nothing more due).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "drivers/common/result.hpp"

namespace guichet::upload {

class OutboxWatch {
public:
    // `changed` runs on the watch's thread: it must only post or notify.
    static Result<std::unique_ptr<OutboxWatch>> start(const std::string& dbPath, std::function<void()> changed);
    ~OutboxWatch();  // stops and joins the thread
    OutboxWatch(const OutboxWatch&) = delete;
    OutboxWatch& operator=(const OutboxWatch&) = delete;

private:
    OutboxWatch(int inotifyFd, int stopFd, std::string dbName, std::function<void()> changed);
    void run();

    int inotify_ = -1, stop_ = -1;
    std::string dbName_;  // "outbox.sqlite": also matches "outbox.sqlite-wal"
    std::function<void()> changed_;
    std::thread thread_;
};

}  // namespace guichet::upload
