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
    link_->setWakeUp([this] { worker_.post([this] { step(); }); });
    worker_.post([this] { step(); });  // opens the printer there is, reads its status
    if (auto started = worker_.start(); !started) setStatus(DeviceStatus::Error, started.error().message);
}

ReceiptPrinterWorker::~ReceiptPrinterWorker() {
    stop();
    driver_.reset();
    link_.reset();  // deregisters hotplug: no wake-up can reach the worker after this
}

void ReceiptPrinterWorker::stop() {
    if (link_) link_->setWakeUp(nullptr);
    worker_.stop();
    worker_.join();
    cancelLeftJobs();
}

void ReceiptPrinterWorker::print(const doc::ReceiptDocument& receipt, std::function<void(Result<void>)> done) {
    bool accepted;
    {
        std::lock_guard lock(mutex_);
        accepted = !worker_.stopping();
        if (accepted) jobs_.push_back(Job{receipt, std::move(done), {}, {}, 0});
    }
    if (accepted) worker_.post([this] { step(); });
    else if (done) ui_.post([done = std::move(done)] { done(makeError(ErrorCode::Cancelled, "the printer service has stopped")); });
}

std::size_t ReceiptPrinterWorker::pendingJobs() const {
    std::lock_guard lock(mutex_);
    return jobs_.size();
}

void ReceiptPrinterWorker::setStatus(DeviceStatus s, const std::string& detail) {
    if (status_.exchange(s) == s && detail == lastDetail_) return;
    lastDetail_ = detail;
    if (sink_) sink_(DeviceEvent{DeviceKind::Printer, link_ ? link_->deviceId() : std::string(), s, detail});
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

void ReceiptPrinterWorker::retryLater() {
    if (retry_) worker_.cancel(retry_);
    retry_ = worker_.postAfter(opt_.retryInterval, [this] {
        retry_ = 0;
        step();
    });
}

void ReceiptPrinterWorker::cancelLeftJobs() {
    // Jobs left at shutdown are reported as cancelled, never silently dropped.
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (jobs_.empty()) break;
        }
        finishJob(makeError(ErrorCode::Cancelled, "the terminal stopped before the receipt was printed"));
    }
}

void ReceiptPrinterWorker::step() {
    bool haveJob;
    {
        std::lock_guard lock(mutex_);
        haveJob = !jobs_.empty();
    }
    link_->poll(std::chrono::milliseconds(0));
    usb::Transport* t = link_->transport();
    if (!t || !t->isOpen()) {
        driver_.reset();
        driverTransport_ = nullptr;
        setStatus(DeviceStatus::Absent, link_->problem().empty() ? "no printer connected" : link_->problem());
        // A waiting job tries again (a link without hotplug events, e.g. the emulator, is
        // only seen back this way); without a job, a hotplug event wakes the worker.
        if (haveJob || !link_->problem().empty()) retryLater();
        return;
    }
    if (t != driverTransport_) {
        driver_ = std::make_unique<escpos::PrinterDriver>(*t, link_->profile(), opt_.timeouts);
        driverTransport_ = t;
        if (!haveJob)
            if (auto s = driver_->queryStatus()) setStatus(deviceStatusFor(*s), s->describe());
    }
    if (!haveJob) return;

    // A job that already failed waits quietly while the printer still cannot print, so the
    // screen keeps saying "paper out" instead of flickering to "printing" at each retry.
    bool retrying;
    {
        std::lock_guard lock(mutex_);
        retrying = jobs_.front().attempts > 0;
    }
    if (retrying) {
        auto s = driver_->queryStatus();
        if (s && s->known && !s->canPrint()) {
            setStatus(deviceStatusFor(*s), s->describe());
            retryLater();
            return;
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
    escpos::PrintOutcome o = driver_->print(bytes, resync);
    secureWipe(bytes);
    if (o.ok()) {
        setStatus(deviceStatusFor(o.after), o.after.describe());
        finishJob({});
        worker_.post([this] { step(); });  // the next job, if any
        return;
    }
    {
        std::lock_guard lock(mutex_);
        // Nothing sent this time (refused before sending): the old debt still stands.
        jobs_.front().resync = o.bytesSent > 0 || o.resyncBytes > 0 ? o.resyncBytes : resync;
    }
    // Kept for later: printing never loses a receipt; the submission is saved anyway.
    log::warning("devices", std::string("receipt not printed yet (") + escpos::printFailureName(o.failure) + "), will retry");
    setStatus(statusForFailure(o), o.detail);
    retryLater();
}

}  // namespace guichet
