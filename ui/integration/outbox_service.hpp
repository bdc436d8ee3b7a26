// The terminal's SubmissionStore: the SQLite outbox plus its background uploader. Opening
// may fail (corrupt file, read-only or full disk): the terminal then keeps running, every
// store() tries again and, while it cannot, returns the outbox's French message.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/uploader.hpp"

namespace guichet::ui::integration {

class OutboxService final : public SubmissionStore {
public:
    // forcedConnector: non-empty = every submission is sent through it, whatever the catalogue says.
    explicit OutboxService(outbox::OutboxConfig config, std::string forcedConnector = {});
    ~OutboxService() override;

    // Opens the database and starts the uploader; false (and an operator log line) if not.
    bool open();
    // UI thread. Commits the submission, then wakes the uploader.
    Result<void> store(const Submission& submission) override;
    // UI thread. The submission and the settlement of its approved card payment, one commit.
    Result<void> storeSettlingPayment(const Submission& submission, const std::string& paymentTxn) override;
    // The outbox database, where card payment intents are committed before a request leaves
    // for the TPE; null while the outbox cannot be opened (no payment is then attempted).
    outbox::Db* database();
    void stop();  // joins the uploader's threads, closes the database

    bool isOpen() const { return store_ != nullptr; }
    // True once the background integrity check passed and the uploader runs (tests, status).
    bool sending() const;
    const std::string& lastUuid() const { return lastUuid_; }
    // Card payments found "à vérifier" when the outbox opened (the operator console shows it).
    int paymentsToCheck() const { return paymentsToCheck_; }
    // The queue entry of a stored submission (scenario steps, operator screens).
    std::optional<outbox::Entry> find(const std::string& uuid);
    const outbox::OutboxConfig& config() const { return config_; }
    // UI thread (the operator console). Dead submissions go back to the queue with their
    // attempts reset, and the uploader is woken; the number moved, or the outbox's error.
    Result<int> retryDead();

private:
    // UI thread: true (and the outbox closed, once) after the background check found it corrupt.
    bool failedCheck();

    outbox::OutboxConfig config_;
    std::string forcedConnector_;
    std::unique_ptr<outbox::OutboxStore> store_;
    std::unique_ptr<upload::Uploader> uploader_;
    std::string lastUuid_;
    int paymentsToCheck_ = 0;
    std::string lastOpenError_;
    // Set by the uploader's start thread when the integrity check failed.
    std::atomic<bool> failed_{false};
    std::mutex failedMutex_;
    std::string failedCheck_;
};

}  // namespace guichet::ui::integration
