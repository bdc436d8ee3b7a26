#include "kiosk/upload/uploader.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "drivers/common/log.hpp"
#include "kiosk/app/first_frame_gate.hpp"
#include "kiosk/upload/backoff.hpp"

namespace guichet::upload {

using outbox::nowMs;

ConnectorWorker::ConnectorWorker(std::unique_ptr<outbox::OutboxStore> store, std::unique_ptr<Connector> connector,
                                 outbox::OutboxConfig cfg, outbox::StoreOptions recordOptions)
    : store_(std::move(store)), connector_(std::move(connector)), cfg_(std::move(cfg)), name_(connector_->name()),
      recordOptions_(std::move(recordOptions)) {}

ConnectorWorker::~ConnectorWorker() { (void)finish(); }

SendReport ConnectorWorker::finish() {
    SendReport report;
    unclaimAhead(report);
    if (recorder_) report.add(recorder_->wait());
    return report;
}

BatchRecorder* ConnectorWorker::recorder() {
    if (!recorder_ && !recorderFailed_ && !recordOptions_.path.empty()) {
        auto opened = BatchRecorder::open(recordOptions_, name_);
        if (opened) {
            recorder_ = std::move(*opened);
        } else {
            recorderFailed_ = true;  // once: the outcomes are then recorded between batches, as before
            log::warning("upload", name_ + ": outcomes recorded between batches: " + opened.error().message);
        }
    }
    return recorder_.get();
}

void ConnectorWorker::recordNow(SentBatch& batch, SendReport& report) {
    if (recorder_) report.add(recorder_->wait());
    report.add(recordSent(*store_, name_, batch));
}

bool ConnectorWorker::takeAhead(std::int64_t claimBefore) {
    if (ClaimedBatch next = recorder_->claimed(); !next.entries.empty()) {
        store_->adoptClaimedPayloads(std::move(next.payloads));  // loaded without a statement, as if claimed here
        ahead_ = std::move(next.entries);
        return true;
    }
    // The first boundary of a drain (nothing claimed ahead yet): claimed here, once. An error
    // leaves ahead_ empty: the batch is recorded now and the next one claims as usual.
    if (auto claims = store_->claimBatch(name_, claimBefore, kBatchSize)) ahead_ = std::move(*claims);
    return !ahead_.empty();
}

void ConnectorWorker::unclaimAhead(SendReport& report) {
    std::vector<outbox::Entry> back = std::move(ahead_);
    ahead_.clear();
    if (recorder_) {
        ClaimedBatch more = recorder_->claimed();
        back.insert(back.end(), more.entries.begin(), more.entries.end());
    }
    if (back.empty()) return;
    SentBatch untouched = unsent(std::move(back));
    recordNow(untouched, report);
}

outbox::SendRecord ConnectorWorker::recordOf(const SendOutcome& o, const outbox::Entry& entry) {
    outbox::SendRecord rec;
    rec.id = entry.id;
    rec.remoteId = o.remoteId;
    rec.remoteToken = o.remoteToken;
    rec.detail = o.detail;
    rec.httpStatus = o.httpStatus;
    rec.ambiguous = o.ambiguous;
    switch (o.kind) {
        case SendOutcome::Kind::Sent: rec.kind = outbox::SendRecord::Kind::Sent; break;
        case SendOutcome::Kind::Rejected: rec.kind = outbox::SendRecord::Kind::Rejected; break;
        case SendOutcome::Kind::Retry:
            rec.kind = outbox::SendRecord::Kind::Retry;
            rec.delayMs = backoffDelayMs(cfg_.backoff, entry.attempts, rng_);
            rec.maxAttempts = cfg_.backoff.maxAttempts;
            break;
    }
    return rec;
}

bool ConnectorWorker::sendBatch(SendReport& report, std::int64_t claimBefore) {
    std::vector<outbox::Entry> claimed = std::move(ahead_);
    ahead_.clear();
    if (claimed.empty()) {
        auto claims = store_->claimBatch(name_, claimBefore, kBatchSize);
        if (!claims) {
            log::error("upload", name_ + ": cannot read the outbox: " + claims.error().message);
            return false;
        }
        if (claims->empty()) return false;
        claimed = std::move(*claims);
    }
    // Every entry starts as "not sent": one the connector does not start (offline, the
    // batch lasted kBatchMs) goes back to the queue as it was.
    SentBatch batch = unsent(std::move(claimed));
    const std::vector<outbox::Entry>& entries = batch.entries;
    std::vector<outbox::SendRecord>& records = batch.records;
    struct Sends : upload::BatchSends {
        ConnectorWorker& w;
        const std::vector<outbox::Entry>& entries;
        std::vector<outbox::SendRecord>& records;
        const std::int64_t started = nowMs();
        Sends(ConnectorWorker& w, const std::vector<outbox::Entry>& e, std::vector<outbox::SendRecord>& r)
            : w(w), entries(e), records(r) {}
        bool mayStart() override { return !w.offline_ && nowMs() - started <= kBatchMs; }
        void done(std::size_t i, const SendOutcome& o) override {
            records[i] = w.recordOf(o, entries[i]);
            if (o.offline && !w.offline_) {
                w.offline_ = true;
                w.nextProbeMs_ = nowMs() + w.cfg_.http.probeIntervalMs;
                log::warning("upload", w.name_ + ": back office unreachable: offline, probing every " +
                                           std::to_string(w.cfg_.http.probeIntervalMs) + " ms");
            }
        }
    } sends(*this, entries, records);
    connector_->beginBatch();
    {
        // One read transaction for the whole batch: each attachment list and chunk is
        // read from the same snapshot instead of taking and releasing SQLite's read lock
        // (two system calls) for every statement. Nothing is written here: the outcomes
        // are recorded after it ends. Other processes keep writing (WAL mode).
        // The payloads came with the claim: only attachments are read here, and a batch
        // without any takes no read transaction at all.
        const bool attachments = std::any_of(entries.begin(), entries.end(),
                                             [](const outbox::Entry& e) { return e.attachmentCount > 0; });
        const bool reading = attachments && store_->db().exec("BEGIN").ok();
        connector_->sendEach(*store_, entries, sends);
        if (reading) (void)store_->db().exec("COMMIT");
    }
    for (const auto& failure : connector_->finishBatch()) {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (entries[i].uuid != failure.uuid || records[i].kind != outbox::SendRecord::Kind::Sent) continue;
            SendOutcome retry;
            retry.detail = failure.detail;
            records[i] = recordOf(retry, entries[i]);
        }
    }
    // Every entry answered, the back office still there and the batch full (more is likely
    // queued): the next batch starts at the next call, this one is recorded beside it, and
    // the one after is claimed then. Otherwise all is settled now, in order: this batch's
    // outcomes, then what was claimed ahead back to the queue untouched.
    const bool clean = !offline_ && std::none_of(records.begin(), records.end(), [](const outbox::SendRecord& r) {
        return r.kind == outbox::SendRecord::Kind::Unclaimed;
    });
    if (clean && entries.size() == static_cast<std::size_t>(kBatchSize) && connector_->pipelinesBatches() &&
        recorder() && takeAhead(claimBefore)) {
        recorder_->record(std::move(batch), BatchRecorder::Claim{claimBefore, kBatchSize});
        return true;
    }
    recordNow(batch, report);
    unclaimAhead(report);
    return true;
}

void ConnectorWorker::pollTokens(std::int64_t now) {
    if (!connector_->answersWithTokens() || now < nextTokenPollMs_) return;
    auto pending = store_->awaitingToken(name_);
    if (pending.empty()) {
        nextTokenPollMs_ = now + (cfg_.open311 ? cfg_.open311->tokenPollMs : 60000);
        return;
    }
    for (const auto& e : pending) {
        if (auto id = connector_->resolveToken(e)) {
            (void)store_->setRemoteId(e.id, *id);
            log::info("upload", name_ + ": " + e.uuid + " got its service_request_id " + *id);
        }
    }
    nextTokenPollMs_ = nowMs() + (cfg_.open311 ? cfg_.open311->tokenPollMs : 60000);
}

void ConnectorWorker::purgeIfDue(std::int64_t now) {
    if (!purges_ || now < nextPurgeMs_) return;
    nextPurgeMs_ = now + 3600000;  // hourly: retention is counted in days
    auto n = store_->purge(cfg_.retentionDays, now);
    if (!n) log::error("upload", "retention purge failed: " + n.error().message);
    else if (*n > 0) log::info("upload", "retention: personal data of " + std::to_string(*n) + " sent submission(s) erased");
}

void ConnectorWorker::networkUp() {
    offline_ = false;
    auto n = store_->makeAllDue(nowMs());
    log::info("upload", name_ + ": network is back: " + std::to_string(n ? *n : 0) + " submission(s) retried now");
}

std::int64_t ConnectorWorker::step(SendReport& report) {
    std::int64_t now = nowMs();
    if (offline_) {
        if (now < nextProbeMs_) return nextProbeMs_ - now;
        if (!connector_->reachable()) {  // the probe: its own deadline, not a poll of the queue
            nextProbeMs_ = now + cfg_.http.probeIntervalMs;
            return cfg_.http.probeIntervalMs;
        }
        networkUp();
    }
    // A read first: the claim is a write transaction, taken only when something is due.
    auto due = store_->nextDueMs(name_);
    if ((!ahead_.empty() || (due && *due <= now)) && sendBatch(report, now)) return 0;
    pollTokens(now);
    purgeIfDue(now);
    now = nowMs();
    // The earliest deadline: a retry, the token poll, the retention purge. Rows stored by
    // another process wake the worker through OutboxWatch, not through a poll.
    std::int64_t wait = kNoDeadline;
    auto consider = [&](std::int64_t at) {
        const std::int64_t w = std::max<std::int64_t>(at - now, 0);
        if (wait == kNoDeadline || w < wait) wait = w;
    };
    if (due) consider(*due);
    if (connector_->answersWithTokens()) consider(nextTokenPollMs_);
    if (purges_) consider(nextPurgeMs_);
    return wait;
}

SendReport ConnectorWorker::drainOnce() {
    SendReport report;
    const std::int64_t start = nowMs();
    while (!offline_ && sendBatch(report, start)) {
    }
    pollTokens(0);
    return report;
}

std::vector<std::string> connectorsInUse(outbox::OutboxStore& store, const outbox::OutboxConfig& cfg) {
    std::set<std::string> names;
    if (cfg.webhook) names.insert("webhook");
    if (cfg.open311) names.insert("open311");
    if (cfg.wcs) names.insert("wcs");
    if (cfg.directory) names.insert("directory");
    auto q = store.db().prepare("SELECT DISTINCT connector FROM submissions WHERE state IN ('queued', 'sending')");
    for (;;) {
        auto row = q.step();
        if (!row || !*row) break;
        names.insert(q.text(0));
    }
    return {names.begin(), names.end()};
}

Result<int> takeSenderLock(const std::string& dbPath) {
    const std::string path = dbPath + ".sender.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(ErrorCode::Io, path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return makeError(ErrorCode::Busy, "another process is already sending from " + dbPath);
    }
    return fd;
}

namespace {
Result<std::vector<std::unique_ptr<ConnectorWorker>>> makeWorkers(const outbox::StoreOptions& so,
                                                                   const outbox::OutboxConfig& cfg, SendReport& report) {
    auto first = outbox::OutboxStore::open(so);
    if (!first) return first.error();
    auto recovered = (*first)->recoverInterrupted(nowMs());
    if (!recovered) return recovered.error();
    report.recovered = *recovered;
    if (*recovered > 0)
        log::warning("upload", std::to_string(*recovered) + " submission(s) were being sent when the process stopped: retried, flagged as possible duplicates");
    std::vector<std::unique_ptr<ConnectorWorker>> workers;
    auto names = connectorsInUse(**first, cfg);
    outbox::StoreOptions workerOptions = so;
    workerOptions.integrityCheck = "off";  // checked once above
    workerOptions.fsyncEachCommit = false;  // state changes only: see StoreOptions
    // The connection opened above serves the first connector: one open (key, schema,
    // statements) less per start, which `outbox send --once` pays at every run.
    std::unique_ptr<outbox::OutboxStore> spare = std::move(*first);
    if (!spare->db().exec("PRAGMA synchronous=NORMAL")) spare.reset();
    for (const auto& name : names) {
        auto connector = makeConnector(name, cfg);
        if (!connector) {
            log::error("upload", connector.error().message + ": its submissions stay queued");
            continue;
        }
        std::unique_ptr<outbox::OutboxStore> store = std::move(spare);
        if (!store) {
            auto opened = outbox::OutboxStore::open(workerOptions);
            if (!opened) return opened.error();
            store = std::move(*opened);
        }
        workers.push_back(std::make_unique<ConnectorWorker>(std::move(store), std::move(*connector), cfg, workerOptions));
    }
    return workers;
}
}  // namespace

Result<SendReport> Uploader::sendOnce(const outbox::StoreOptions& so, const outbox::OutboxConfig& cfg) {
    auto lock = takeSenderLock(so.path);
    if (!lock) return lock.error();
    SendReport total;
    auto workers = makeWorkers(so, cfg, total);
    if (workers) {
        for (auto& w : *workers) {
            total.add(w->drainOnce());
        }
    }
    ::close(*lock);
    if (!workers) return workers.error();
    return total;
}

Uploader::Uploader(outbox::StoreOptions so, outbox::OutboxConfig cfg) : storeOptions_(std::move(so)), cfg_(std::move(cfg)) {}

Uploader::~Uploader() { stop(); }

Result<void> Uploader::start() {
    auto lock = takeSenderLock(storeOptions_.path);
    if (!lock) return lock.error();
    lockFd_ = *lock;
    if (auto started = startSending(storeOptions_); !started) {
        stop();
        return started.error();
    }
    return {};
}

Result<void> Uploader::startAfterCheck(std::function<void(const Error&)> onFailed) {
    auto lock = takeSenderLock(storeOptions_.path);
    if (!lock) return lock.error();
    lockFd_ = *lock;
    stopping_ = false;
    starter_ = std::thread([this, onFailed = std::move(onFailed)] {
        // Not before the first frame: on two cores the check would take CPU from it.
        app::waitForFirstFrame(std::chrono::seconds(10), stopping_);
        if (stopping_) return;
        // The check first, moving nothing: a failure is told to the caller (who stops
        // storing into this file) before the file is moved aside, below.
        auto checked = outbox::checkIntegrity(storeOptions_);
        if (!checked && checked.error().code == ErrorCode::Corrupt && onFailed) onFailed(checked.error());
        // Passed: the start does not check again. Failed: opening with the check moves the
        // file aside and alerts the operator, as at any start.
        outbox::StoreOptions options = storeOptions_;
        if (checked) options.integrityCheck = "off";
        auto started = startSending(options);
        if (started) return;
        // The lanes that did start stay until stop(); a corrupt database has none.
        log::error("upload", storeOptions_.path + ": the uploader did not start, submissions stay queued: " +
                                 started.error().message);
        if (checked && started.error().code == ErrorCode::Corrupt && onFailed) onFailed(started.error());
    });
    return {};
}

Result<void> Uploader::startSending(const outbox::StoreOptions& options) {
    SendReport rep;
    auto workers = makeWorkers(options, cfg_, rep);
    if (!workers) return workers.error();
    {
        std::lock_guard lock(mutex_);
        report_ = rep;
    }
    if (!workers->empty()) workers->front()->takeRetentionDuty();
    for (auto& w : *workers) {
        auto lane = std::make_unique<Lane>();
        lane->worker = std::make_unique<Worker>(("upload-" + w->connectorName()).substr(0, 15));
        lane->sender = std::move(w);
        lanes_.push_back(std::move(lane));
    }
    for (auto& lane : lanes_) {
        kick(*lane);
        if (auto started = lane->worker->start(); !started) return started.error();
    }
    sending_.store(true, std::memory_order_release);  // lanes_ is complete: wake() may read it
    auto watch = OutboxWatch::start(storeOptions_.path, [this] { wake(); });
    if (watch) watch_ = std::move(*watch);
    else log::warning("upload", watch.error().message + ": submissions enqueued by guichetctl wait for the next wake-up");
    return {};
}

void Uploader::kick(Lane& lane) {
    if (lane.stepQueued.exchange(true)) return;  // one step already on its way
    Lane* l = &lane;
    if (!lane.worker->post([this, l] { step(*l); })) lane.stepQueued = false;
}

void Uploader::step(Lane& lane) {
    lane.stepQueued = false;
    if (lane.timer) {
        lane.worker->cancel(lane.timer);
        lane.timer = 0;
    }
    SendReport r;
    const std::int64_t wait = lane.sender->step(r);
    {
        std::lock_guard lock(mutex_);
        report_.add(r);
    }
    if (wait == 0) kick(lane);
    else if (wait > 0)
        lane.timer = lane.worker->postAfter(std::chrono::milliseconds(wait), [this, l = &lane] {
            l->timer = 0;
            step(*l);
        });
}

void Uploader::stop() {
    // A check still running is waited for (a large outbox: under a second); its lanes are
    // then stopped below like the others.
    stopping_ = true;  // a start still waiting for the first frame gives up
    if (starter_.joinable()) starter_.join();
    sending_.store(false, std::memory_order_release);
    watch_.reset();  // joins its thread: no wake() after this
    for (auto& lane : lanes_) lane->worker->stop();
    for (auto& lane : lanes_) lane->worker->join();
    // Their threads are gone: the batch being recorded is waited for, and one claimed ahead
    // goes back to the queue, on this thread.
    for (auto& lane : lanes_) {
        SendReport r = lane->sender->finish();
        std::lock_guard lock(mutex_);
        report_.add(r);
    }
    lanes_.clear();
    if (lockFd_ >= 0) ::close(lockFd_);
    lockFd_ = -1;
}

void Uploader::wake() {
    if (!sending()) return;  // not started yet: the start's first step sees every due demand
    for (auto& lane : lanes_) kick(*lane);
}

void Uploader::networkUp() {
    if (!sending()) return;  // not started yet: the first step tries everything due
    for (auto& lane : lanes_) {
        Lane* l = lane.get();
        lane->worker->post([this, l] {
            l->sender->networkUp();
            step(*l);
        });
    }
}

SendReport Uploader::report() {
    std::lock_guard lock(mutex_);
    return report_;
}

}  // namespace guichet::upload
