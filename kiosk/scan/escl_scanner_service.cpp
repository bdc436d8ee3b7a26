#include "kiosk/scan/escl_scanner_service.hpp"

#include <algorithm>

#include "drivers/common/log.hpp"
#include "kiosk/scan/jpeg_tools.hpp"
#include "kiosk/scan/page_preview.hpp"

namespace guichet::scan {

namespace {

DeviceStatus statusOf(escl::ScannerCondition c) {
    switch (c) {
    case escl::ScannerCondition::Ready: return DeviceStatus::Ready;
    case escl::ScannerCondition::Busy: return DeviceStatus::Busy;
    case escl::ScannerCondition::FeederEmpty: return DeviceStatus::FeederEmpty;
    case escl::ScannerCondition::Jam: return DeviceStatus::Jam;
    case escl::ScannerCondition::Unknown: break;
    }
    return DeviceStatus::Error;
}

}  // namespace

EsclScannerService::EsclScannerService(ScannerConfig config, MainThreadQueue& ui, Opener open,
                                       std::shared_ptr<usb::UsbContext> usb)
    : config_(std::move(config)), ui_(ui), open_(std::move(open)) {
    auto address = escl::parseScannerAddress(config_.device);
    if (!open_) {
        if (address && address->kind != escl::ScannerAddress::Kind::Network) {
            usb_ = std::move(usb);
            if (!usb_) {
                auto ctx = usb::UsbContext::create();
                if (ctx) usb_ = *ctx;
                else log::warning("scan", "USB unavailable: " + ctx.error().message);
            }
        }
        open_ = [this, timeout = config_.requestTimeout]() -> Result<std::unique_ptr<escl::ScannerConnection>> {
            auto a = escl::parseScannerAddress(config_.device);
            if (!a) return a.error();
            return escl::openScanner(*a, usb_, std::min(timeout, escl::Millis(5000)));
        };
    }
    if (usb_ && address) {
        auto monitor = usb::HotplugMonitor::start(usb_, escl::ippUsbMatches(address->vendorId, address->productId, "scanner"));
        if (monitor) {
            hotplug_ = std::move(*monitor);
            hotplug_->setListener([this] { worker_.post([this] { takeHotplug(); }); });
        } else {
            log::warning("scan", "no USB hotplug (" + monitor.error().message + "): relying on status polls");
        }
    }
    worker_.post([this] { probe(); });
    if (auto started = worker_.start(); !started) setStatus(DeviceStatus::Error, started.error().message);
}

void EsclScannerService::takeHotplug() {
    while (auto ev = hotplug_->next(usb::Timeout(0))) {
        if (ev->kind == usb::HotplugEvent::Kind::Left) {
            std::string ours;
            {
                std::lock_guard lock(mutex_);
                ours = deviceId_;
            }
            // Only our device matters; before the first connection any departure does.
            if (!ours.empty() && ev->device.id() != ours) continue;
            if (connection_) dropConnection(makeError(ErrorCode::Disconnected, "scanner unplugged"));
            else setStatus(DeviceStatus::Absent, "scanner unplugged");
        } else {
            probeInterval_ = escl::Millis(0);  // something changed: probe at once, then often
            probe();
        }
    }
}

EsclScannerService::~EsclScannerService() {
    cancel_ = true;
    if (hotplug_) hotplug_->stop();  // waits for a callback in flight: nothing posts after this
    worker_.stop();
    worker_.join();
    hotplug_.reset();
    jobClient_.reset();
    statusClient_.reset();
    jobHttp_.reset();
    statusHttp_.reset();
    connection_.reset();
}

void EsclScannerService::scan(const ScanRequest& request, std::function<void(float)> progress,
                              std::function<void(Result<std::vector<ScannedPage>>)> done) {
    {
        std::lock_guard lock(mutex_);
        if (jobRunning_) {
            // One scan at a time: a second press while one runs is refused, not queued.
            ui_.post([done = std::move(done)] { done(makeError(ErrorCode::Busy, "scan: a scan is already running")); });
            return;
        }
        cancel_ = false;
        jobRunning_ = true;
    }
    auto job = std::make_shared<Job>(Job{request, std::move(progress), std::move(done)});
    bool posted = worker_.post([this, job] {
        runJob(*job);
        {
            std::lock_guard lock(mutex_);
            jobRunning_ = false;
        }
        probeInterval_ = escl::Millis(0);  // after a job the status is worth following closely
        scheduleProbe(config_.statusPoll);
    });
    if (!posted) {
        std::lock_guard lock(mutex_);
        jobRunning_ = false;
        ui_.post([done = std::move(job->done)] { done(makeError(ErrorCode::Cancelled, "scan: the scanner service has stopped")); });
    }
}

void EsclScannerService::cancel() { cancel_ = true; }

void EsclScannerService::setStatusListener(StatusListener listener) {
    DeviceEvent now{DeviceKind::Scanner, {}, DeviceStatus::Unknown, {}};
    {
        std::lock_guard lock(mutex_);
        listener_ = listener;
        now.deviceId = deviceId_.empty() ? config_.device : deviceId_;
        now.status = status_.load();
    }
    // A listener set after the first poll still learns where things stand.
    if (listener && now.status != DeviceStatus::Unknown) ui_.post([listener, now] { listener(now); });
}

void EsclScannerService::pollNow() {
    worker_.post([this] {
        probeInterval_ = escl::Millis(0);
        probe();
    });
}

std::string EsclScannerService::deviceId() const {
    std::lock_guard lock(mutex_);
    return deviceId_;
}

void EsclScannerService::setStatus(DeviceStatus s, std::string detail) {
    DeviceStatus old = status_.exchange(s);
    if (old == s) return;
    StatusListener listener;
    DeviceEvent ev{DeviceKind::Scanner, {}, s, std::move(detail)};
    {
        std::lock_guard lock(mutex_);
        listener = listener_;
        ev.deviceId = deviceId_.empty() ? config_.device : deviceId_;
    }
    log::info("scan", ev.deviceId + ": " + deviceStatusName(s) + (ev.detail.empty() ? "" : " (" + ev.detail + ")"));
    if (listener) ui_.post([listener, ev] { listener(ev); });
}

void EsclScannerService::scheduleProbe(escl::Millis after) {
    if (probeTimer_) worker_.cancel(probeTimer_);
    probeTimer_ = worker_.postAfter(after, [this] {
        probeTimer_ = 0;
        probe();
    });
}

void EsclScannerService::probe() {
    const DeviceStatus before = status_.load();
    pollStatus();
    // Often while things change, then less and less while they do not.
    const escl::Millis idleCap = std::max(config_.statusPoll, config_.idleStatusPoll);
    if (status_.load() != before || probeInterval_.count() == 0) probeInterval_ = config_.statusPoll;
    else probeInterval_ = std::min(idleCap, probeInterval_ * 2);
    scheduleProbe(probeInterval_);
}

bool EsclScannerService::ensureConnected() {
    if (connection_) return true;
    auto c = open_();
    if (!c) {
        setStatus(DeviceStatus::Absent, c.error().message);
        return false;
    }
    connection_ = std::move(*c);
    {
        std::lock_guard lock(mutex_);
        deviceId_ = connection_->id;
    }
    escl::HttpClient::Options o;
    o.ioTimeout = config_.requestTimeout;
    o.hostHeader = connection_->hostHeader;
    jobHttp_ = std::make_unique<escl::HttpClient>(connection_->jobStream(), o);
    statusHttp_ = std::make_unique<escl::HttpClient>(connection_->statusStream(), o);
    escl::EsclClient::Options co{connection_->basePath, config_.retry};
    jobClient_ = std::make_unique<escl::EsclClient>(*jobHttp_, co);
    statusClient_ = std::make_unique<escl::EsclClient>(*statusHttp_, co);
    caps_.reset();
    return true;
}

void EsclScannerService::dropConnection(const Error& why) {
    jobClient_.reset();
    statusClient_.reset();
    jobHttp_.reset();
    statusHttp_.reset();
    connection_.reset();
    caps_.reset();
    setStatus(DeviceStatus::Absent, why.message);
}

void EsclScannerService::pollStatus() {
    if (!ensureConnected()) return;
    auto st = statusClient_->status();
    if (!st) {
        if (st.error().code == ErrorCode::Disconnected || st.error().code == ErrorCode::Timeout) dropConnection(st.error());
        else setStatus(DeviceStatus::Error, st.error().message);
        return;
    }
    if (st->adf == escl::AdfState::Jam) setStatus(DeviceStatus::Jam, "paper jam in the feeder");
    else if (st->state == escl::ScannerState::Processing) setStatus(DeviceStatus::Busy, {});
    else if (st->state == escl::ScannerState::Stopped || st->state == escl::ScannerState::Down)
        setStatus(DeviceStatus::Error, std::string("scanner state ") + escl::scannerStateName(st->state));
    else setStatus(DeviceStatus::Ready, {});
}

Result<escl::ScanSettings> EsclScannerService::chooseSettings(const ScanRequest& request) {
    if (!caps_) {
        auto caps = jobClient_->capabilities();
        if (!caps) return caps.error();
        caps_ = std::move(*caps);
    }
    escl::ScanSettings s;
    s.source = request.feeder ? escl::InputSource::Feeder : escl::InputSource::Platen;
    const escl::InputCaps* in = caps_->input(s.source);
    if (!in) return makeError(ErrorCode::NotSupported, request.feeder ? "scan: this scanner has no feeder"
                                                                      : "scan: this scanner has no flatbed");
    if (!in->supportsFormat("image/jpeg"))
        return makeError(ErrorCode::NotSupported, "scan: the scanner does not offer JPEG pages");
    using escl::ColorMode;
    s.colorMode = request.color ? ColorMode::RGB24 : ColorMode::Grayscale8;
    if (!in->supportsColorMode(s.colorMode)) {
        s.colorMode = in->supportsColorMode(ColorMode::Grayscale8) ? ColorMode::Grayscale8 : ColorMode::RGB24;
        if (!in->supportsColorMode(s.colorMode)) return makeError(ErrorCode::NotSupported, "scan: no usable colour mode");
    }
    int dpi = in->nearestResolution(request.dpi > 0 ? request.dpi : config_.dpi);
    if (dpi <= 0) return makeError(ErrorCode::NotSupported, "scan: no usable resolution");
    s.xResolution = s.yResolution = dpi;
    // A4, clipped to what the glass or the feeder can take.
    if (in->maxWidth > 0) s.width = std::min(s.width, in->maxWidth);
    if (in->maxHeight > 0) s.height = std::min(s.height, in->maxHeight);
    return s;
}

void EsclScannerService::runJob(Job& job) {
    auto progress = [this, &job](float f) {
        if (job.progress) ui_.post([p = job.progress, f] { p(f); });
    };
    auto finish = [this, &job](Result<std::vector<ScannedPage>> r) {
        ui_.post([done = std::move(job.done), r = std::move(r)]() mutable { done(std::move(r)); });
    };
    progress(0.0f);
    if (!ensureConnected()) {
        finish(makeError(ErrorCode::Disconnected, "scan: no scanner is connected"));
        return;
    }
    setStatus(DeviceStatus::Busy, {});
    ScanRequest request = job.request;
    if (!request.feeder && config_.feederWhenLoaded) {
        // Sheets in the feeder mean the resident put the document there: scan them all.
        auto st = statusClient_->status();
        if (st && st->adf == escl::AdfState::Loaded) request.feeder = true;
    }
    auto settings = chooseSettings(request);
    if (!settings) {
        if (settings.error().code == ErrorCode::Disconnected) dropConnection(settings.error());
        else setStatus(DeviceStatus::Ready, {});
        finish(settings.error());
        return;
    }
    progress(0.1f);
    std::vector<ScannedPage> pages;
    const int dpi = settings->xResolution;
    float shown = 0.1f;  // progress only ever goes forward
    // What the scanner may send back, bounded before anything is kept: a page no larger than
    // the region asked for at this resolution (with slack for scanners that round or add a
    // margin), and no more pages than a feeder holds. Beyond that the device is faulty.
    const int maxSide = std::min(kMaxPageSidePx,
                                 std::max(settings->width, settings->height) * dpi / 300 * 5 / 4 + 64);
    std::size_t jobBytes = 0;
    auto sink = [&](Bytes&& jpeg, int index) -> Result<void> {
        if (index >= kMaxPagesPerJob) {
            secureWipe(jpeg);
            return makeError(ErrorCode::Protocol, "scan: the scanner sent more than " + std::to_string(kMaxPagesPerJob) +
                                                      " pages for one job");
        }
        if (jpeg.size() > kMaxBytesPerJob - std::min(kMaxBytesPerJob, jobBytes)) {
            secureWipe(jpeg);
            return makeError(ErrorCode::Protocol, "scan: the scanner sent more than " +
                                                      std::to_string(kMaxBytesPerJob >> 20) + " MiB for one job");
        }
        jobBytes += jpeg.size();
        auto info = inspectJpeg(jpeg, maxSide);
        if (!info) {
            secureWipe(jpeg);
            return info.error();
        }
        ScannedPage page{std::move(jpeg), info->width, info->height, dpi, {}};
        // The preview is decoded here, on the scanner's thread, not by the screen: a 300 dpi
        // page takes tens of milliseconds to decode, a whole frame's time. A page that cannot
        // be previewed is still a page (the screen shows a document icon instead).
        if (request.previewWidth > 0 && request.previewHeight > 0) {
            if (auto preview = makePagePreview(page.jpeg, request.previewWidth, request.previewHeight))
                page.preview = std::move(*preview);
            else
                log::warning("scanner", "page " + std::to_string(index + 1) + ": " + preview.error().message);
        }
        pages.push_back(std::move(page));
        // The feeder does not say how many sheets it holds: creep towards the end.
        const float f = request.feeder ? std::min(0.95f, 0.1f + 0.2f * static_cast<float>(index + 1)) : 0.95f;
        if (f > shown) {
            shown = f;
            progress(f);
        }
        return {};
    };
    // Byte progress of each page: the bar moves while a slow USB link brings the image in.
    jobClient_->setPageProgress([&](int index, std::size_t got, std::size_t total) {
        if (total == 0) return;
        const float base = request.feeder ? std::min(0.75f, 0.1f + 0.2f * static_cast<float>(index)) : 0.1f;
        const float span = request.feeder ? 0.2f : 0.85f;
        const float f = base + span * static_cast<float>(got) / static_cast<float>(total);
        if (f >= shown + 0.02f) {  // a few dozen updates a page, not one per read
            shown = f;
            progress(f);
        }
    });
    auto n = jobClient_->scan(*settings, sink, &cancel_);
    jobClient_->setPageProgress({});
    if (!n) {
        for (auto& p : pages) p.wipe();
        pages.clear();
        const Error& e = n.error();
        if (e.code == ErrorCode::Disconnected) dropConnection(e);
        // Nonsense from the device (a page too large, too many pages, bad bytes): it is faulty;
        // the terminal carries on and the resident is told the scan failed.
        else if (e.code == ErrorCode::Protocol) setStatus(DeviceStatus::Error, e.message);
        else setStatus(e.code == ErrorCode::Cancelled ? DeviceStatus::Ready : statusOf(jobClient_->lastCondition()), e.message);
        finish(e);
        return;
    }
    setStatus(DeviceStatus::Ready, {});
    progress(1.0f);
    finish(std::move(pages));
}

}  // namespace guichet::scan
