// The background uploader: one thread per connector in use, each sending one submission
// at a time, with backoff, online detection and an immediate retry when the network comes
// back. Runs on its own SQLite connections: the UI thread is never blocked by it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/connector.hpp"

namespace guichet::upload {

struct SendReport {
    int sent = 0, rejected = 0, retried = 0, dead = 0, recovered = 0;
};

// One connector's send loop over its own store connection.
class ConnectorWorker {
public:
    ConnectorWorker(std::unique_ptr<outbox::OutboxStore> store, std::unique_ptr<Connector> connector,
                    outbox::OutboxConfig cfg);
    // Sends every submission due now, once each (what `guichetctl outbox send --once` does).
    SendReport drainOnce();
    // One pass of the loop; returns how long to sleep before the next one (ms).
    std::int64_t step(SendReport& report);
    void networkUp();  // make everything due now
    // This worker also applies the retention (one worker per uploader does).
    void takeRetentionDuty() { purges_ = true; }
    const std::string& connectorName() const { return name_; }
    outbox::OutboxStore& store() { return *store_; }

private:
    bool sendOne(SendReport& report, std::int64_t now);
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
};

class Uploader {
public:
    Uploader(outbox::StoreOptions storeOptions, outbox::OutboxConfig cfg);
    ~Uploader();
    // Takes the sender lock (one sender per database), recovers interrupted sends, starts
    // one thread per connector named in the config or in the queue.
    Result<void> start();
    void stop();
    void wake();       // a submission was just stored
    void networkUp();  // the system reports connectivity: retry at once
    SendReport report();

    // Runs drainOnce for every connector in the calling thread (guichetctl send --once).
    static Result<SendReport> sendOnce(const outbox::StoreOptions& storeOptions, const outbox::OutboxConfig& cfg);

private:
    void run(ConnectorWorker& worker);

    outbox::StoreOptions storeOptions_;
    outbox::OutboxConfig cfg_;
    std::vector<std::unique_ptr<ConnectorWorker>> workers_;
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::uint64_t wakeGen_ = 0;
    std::uint64_t networkGen_ = 0;
    SendReport report_;
    int lockFd_ = -1;
};

// The connectors an outbox needs: those configured plus those its queue names.
std::vector<std::string> connectorsInUse(outbox::OutboxStore& store, const outbox::OutboxConfig& cfg);
// flock on <db>.sender.lock; an error if another process is sending from this database.
Result<int> takeSenderLock(const std::string& dbPath);

}  // namespace guichet::upload
