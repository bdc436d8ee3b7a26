#include "ui/integration/outbox_service.hpp"

#include <chrono>
#include <filesystem>
#include <mutex>

#include "drivers/common/log.hpp"
#include "kiosk/outbox/outbox_open.hpp"
#include "kiosk/outbox/payment_intents.hpp"

namespace guichet::ui::integration {

OutboxService::OutboxService(outbox::OutboxConfig config, std::string forcedConnector)
    : config_(std::move(config)), forcedConnector_(std::move(forcedConnector)) {}

OutboxService::~OutboxService() { stop(); }

bool OutboxService::open() {
    (void)failedCheck();  // then opening again meets the corrupt marker: refused until acknowledged
    if (store_) return true;
    const auto started = std::chrono::steady_clock::now();
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(config_.database).parent_path(), ec);
    // The default spool is ours to create; a configured share must be mounted by the
    // system (the connector treats a missing one as "offline", never writes under it).
    if (!forcedConnector_.empty() && config_.directory) std::filesystem::create_directories(config_.directory->path, ec);
    // The integrity check is not run here: the uploader runs it on its own thread (a large
    // outbox takes ~0.5 s, which the first frame must not wait for). Demands are stored
    // meanwhile; nothing is sent before it passed.
    outbox::StoreOptions options = outbox::storeOptionsFrom(config_);
    options.integrityCheck = "off";
    auto opened = outbox::OutboxStore::open(options);
    if (!opened) {
        // The operator's line (once per distinct cause: store() retries at every demand);
        // the resident sees kStoreFailedMessage when submitting.
        if (opened.error().message != lastOpenError_)
            log::error("outbox", config_.database + ": cannot open the outbox, submissions are refused until it opens: " +
                                     opened.error().message);
        lastOpenError_ = opened.error().message;
        return false;
    }
    lastOpenError_.clear();
    store_ = std::move(*opened);
    // Card payments left open by a crash or a lost connection: logged "à vérifier" for
    // staff, never retried (docs/payment.md).
    outbox::PaymentIntents intents(store_->db());
    paymentsToCheck_ = outbox::reportIntentsToCheck(intents);
    auto uploader = std::make_unique<upload::Uploader>(outbox::storeOptionsFrom(config_), config_);
    auto onFailed = [this](const Error& why) {
        if (why.code != ErrorCode::Corrupt) return;  // not sending, but the queue is sound: keep storing
        std::lock_guard lock(failedMutex_);
        failedCheck_ = why.message;
        failed_.store(true, std::memory_order_release);
    };
    if (auto started = uploader->startAfterCheck(onFailed); !started) {
        // Submissions are still kept; they leave once a sender runs (guichetctl outbox send).
        log::error("outbox", config_.database + ": the uploader did not start, submissions stay queued: " +
                                 started.error().message);
    } else {
        uploader_ = std::move(uploader);
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    log::info("outbox", "outbox open: " + config_.database + " (" + std::to_string(ms.count()) +
                            " ms; integrity check and uploader start in the background)");
    return true;
}

Result<void> OutboxService::store(const Submission& submission) { return storeSettlingPayment(submission, {}); }

outbox::Db* OutboxService::database() { return open() ? &store_->db() : nullptr; }

bool OutboxService::failedCheck() {
    if (!failed_.exchange(false, std::memory_order_acq_rel)) return false;
    // The background check found the file corrupt. Stopping the uploader waits for its start
    // to finish reporting it (file moved aside, operator alert, marker): this connection
    // then points into the moved file, so it goes. Opening again meets the marker: demands
    // are refused until the operator acknowledges it, as when the check ran at open.
    if (uploader_) uploader_->stop();
    uploader_.reset();
    store_.reset();
    std::lock_guard lock(failedMutex_);
    lastOpenError_ = failedCheck_;
    return true;
}

bool OutboxService::sending() const { return uploader_ && uploader_->sending(); }

Result<void> OutboxService::storeSettlingPayment(const Submission& submission, const std::string& paymentTxn) {
    if (!open()) return makeError(ErrorCode::Io, outbox::kStoreFailedMessage);
    auto put = [&](const Submission& s) {
        return paymentTxn.empty() ? store_->store(s) : store_->storeSettlingPayment(s, paymentTxn);
    };
    Result<void> r;
    if (!forcedConnector_.empty() && submission.connector != forcedConnector_) {
        Submission routed = submission;
        routed.connector = forcedConnector_;
        r = put(routed);
        routed.wipe();  // personal data: no second copy left in memory
    } else {
        r = put(submission);
    }
    if (!r) return r;  // the store logged the details and carries the resident's message
    lastUuid_ = submission.uuid;
    if (uploader_) uploader_->wake();
    return {};
}

std::optional<outbox::Entry> OutboxService::find(const std::string& uuid) {
    if (!store_) return std::nullopt;
    return store_->find(uuid);
}

Result<int> OutboxService::retryDead() {
    if (!open()) return makeError(ErrorCode::Io, lastOpenError_.empty() ? "the outbox is not open" : lastOpenError_);
    auto moved = store_->retryDead(outbox::nowMs());
    if (moved && *moved > 0 && uploader_) uploader_->wake();
    return moved;
}

void OutboxService::stop() {
    if (uploader_) uploader_->stop();  // an interrupted send is recovered at next start
    uploader_.reset();
    store_.reset();
}

}  // namespace guichet::ui::integration
