#include "kiosk/devices/receipt_printer_worker.hpp"

#include "drivers/common/log.hpp"

namespace guichet {

DeviceStatus deviceStatusFor(const escpos::PrinterStatus& s) {
    if (!s.known) return DeviceStatus::Unknown;
    if (s.coverOpen) return DeviceStatus::CoverOpen;
    if (s.paperOut || s.paperStop) return DeviceStatus::PaperOut;
    if (s.error || s.offline) return DeviceStatus::Error;
    if (s.paperNearEnd) return DeviceStatus::PaperLow;
    return DeviceStatus::Ready;
}

namespace {

DeviceStatus statusForFailure(const escpos::PrintOutcome& o) {
    switch (o.failure) {
        case escpos::PrintFailure::Disconnected: return DeviceStatus::Absent;
        case escpos::PrintFailure::PaperOut: return DeviceStatus::PaperOut;
        case escpos::PrintFailure::CoverOpen: return DeviceStatus::CoverOpen;
        default: return DeviceStatus::Error;
    }
}

}  // namespace

ReceiptPrinterWorker::ReceiptPrinterWorker(std::unique_ptr<PrinterLink> link, MainThreadQueue& ui, EventSink sink, PrinterWorkerOptions o)
    : link_(std::move(link)), ui_(ui), sink_(std::move(sink)), opt_(std::move(o)) {
    thread_ = std::thread([this] { run(); });
}

ReceiptPrinterWorker::~ReceiptPrinterWorker() { stop(); }

void ReceiptPrinterWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ReceiptPrinterWorker::print(const doc::ReceiptDocument& receipt, std::function<void(Result<void>)> done) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(Job{receipt, std::move(done), {}, {}, 0});
    }
    cv_.notify_all();
}

std::size_t ReceiptPrinterWorker::pendingJobs() const {
    std::lock_guard lock(mutex_);
    return jobs_.size();
}

bool ReceiptPrinterWorker::waitFor(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, d, [&] { return stopping_; });
    return !stopping_;
}

void ReceiptPrinterWorker::setStatus(DeviceStatus s, const std::string& detail) {
    if (status_.exchange(s) == s && detail == lastDetail_) return;
    lastDetail_ = detail;
    if (sink_) sink_(DeviceEvent{DeviceKind::Printer, link_->deviceId(), s, detail});
}

void ReceiptPrinterWorker::finishJob(Result<void> result) {
    std::function<void(Result<void>)> done;
    {
        std::lock_guard lock(mutex_);
        Job& j = jobs_.front();
        done = std::move(j.done);
        j.receipt.wipe();  // names and references printed on it are personal data
        secureWipe(j.bytes);
        jobs_.pop_front();
    }
    if (done) ui_.post([done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
}

void ReceiptPrinterWorker::run() {
    std::unique_ptr<escpos::PrinterDriver> driver;
    usb::Transport* driverTransport = nullptr;
    auto lastStatusPoll = std::chrono::steady_clock::now() - opt_.statusInterval;
    while (true) {
        bool haveJob;
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
            haveJob = !jobs_.empty();
        }
        link_->poll(haveJob ? std::chrono::milliseconds(0) : opt_.idlePoll);
        usb::Transport* t = link_->transport();
        if (!t || !t->isOpen()) {
            driver.reset();
            driverTransport = nullptr;
            setStatus(DeviceStatus::Absent, link_->problem().empty() ? "no printer connected" : link_->problem());
            if (!waitFor(haveJob ? opt_.idlePoll : std::chrono::milliseconds(1))) break;
            continue;
        }
        if (t != driverTransport) {
            driver = std::make_unique<escpos::PrinterDriver>(*t, link_->profile(), opt_.timeouts);
            driverTransport = t;
            lastStatusPoll = std::chrono::steady_clock::now() - opt_.statusInterval;
        }

        if (!haveJob) {
            if (std::chrono::steady_clock::now() - lastStatusPoll >= opt_.statusInterval) {
                lastStatusPoll = std::chrono::steady_clock::now();
                auto s = driver->queryStatus();
                if (s) setStatus(deviceStatusFor(*s), s->describe());
            }
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, opt_.idlePoll, [&] { return stopping_ || !jobs_.empty(); });
            continue;
        }

        // A job that already failed waits quietly while the printer still cannot print, so the
        // screen keeps saying "paper out" instead of flickering to "printing" at each retry.
        bool retrying;
        {
            std::lock_guard lock(mutex_);
            retrying = jobs_.front().attempts > 0;
        }
        if (retrying) {
            auto s = driver->queryStatus();
            if (s && s->known && !s->canPrint()) {
                setStatus(deviceStatusFor(*s), s->describe());
                if (!waitFor(opt_.retryInterval)) break;
                continue;
            }
        }

        // Lay the job out for the printer it is about to go to (a replug may bring another model).
        Bytes bytes;
        std::size_t resync = 0;
        {
            std::lock_guard lock(mutex_);
            Job& j = jobs_.front();
            if (j.bytes.empty() || j.profileName != link_->profile().name) {
                escpos::LayoutOptions lo;
                lo.logos = &logos_;
                lo.assetDir = opt_.assetDir;
                j.bytes = escpos::layoutReceipt(j.receipt, link_->profile(), lo);
                j.profileName = link_->profile().name;
            }
            ++j.attempts;
            bytes = j.bytes;
            resync = j.resync;
        }
        setStatus(DeviceStatus::Busy, "printing");
        escpos::PrintOutcome o = driver->print(bytes, resync);
        secureWipe(bytes);
        lastStatusPoll = std::chrono::steady_clock::now();
        if (o.ok()) {
            setStatus(deviceStatusFor(o.after), o.after.describe());
            finishJob({});
            continue;
        }
        {
            std::lock_guard lock(mutex_);
            // Nothing sent this time (refused before sending): the old debt still stands.
            jobs_.front().resync = o.bytesSent > 0 || o.resyncBytes > 0 ? o.resyncBytes : resync;
        }
        // Kept for later: printing never loses a receipt; the submission is saved anyway.
        log::warning("devices", std::string("receipt not printed yet (") + escpos::printFailureName(o.failure) + "), will retry");
        setStatus(statusForFailure(o), o.detail);
        if (!waitFor(opt_.retryInterval)) break;
    }
    // Jobs left at shutdown are reported as cancelled, never silently dropped.
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (jobs_.empty()) break;
        }
        finishJob(makeError(ErrorCode::Cancelled, "the terminal stopped before the receipt was printed"));
    }
}

}  // namespace guichet
