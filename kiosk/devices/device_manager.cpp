#include "kiosk/devices/device_manager.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "drivers/common/log.hpp"
#include "drivers/emulators/printer/paper_png.hpp"

namespace guichet {

namespace {

// A printer service for when no printer can exist (USB layer failed to start).
class NoPrinter final : public ReceiptPrinterService {
public:
    DeviceStatus status() const override { return DeviceStatus::Absent; }
    void print(const doc::ReceiptDocument&, std::function<void(Result<void>)> done) override {
        if (done) done(makeError(ErrorCode::NotFound, "no receipt printer on this terminal"));
    }
};

NoPrinter& noPrinter() {
    static NoPrinter p;
    return p;
}

}  // namespace

DeviceManager::DeviceManager(MainThreadQueue& ui, DeviceManagerConfig config) : ui_(ui), config_(std::move(config)) {}

DeviceManager::~DeviceManager() { stop(); }

void DeviceManager::host(std::unique_ptr<DeviceHost> h) {
    if (h) hosts_.push_back(std::move(h));
}

Result<void> DeviceManager::start() {
    bool wantUsb = !config_.demo;
    for (const auto& h : hosts_) wantUsb = wantUsb || h->wantsUsb();
    Result<void> first;
    if (wantUsb) {
        auto ctx = usb::UsbContext::create();
        if (ctx) usb_ = *ctx;
        else {
            first = Error{ctx.error().code, "USB: " + ctx.error().message};
            log::error("devices", first.error().message);
        }
    }
    if (auto p = startPrinter(); !p) {
        // The operator's line: the terminal keeps working without printer.
        log::error("devices", "no receipt printer: " + p.error().message);
        if (first.ok()) first = p.error();
    }
    HostContext hc{ui_, usb_, [this](const DeviceEvent& e) { onEvent(e); }};
    for (const auto& h : hosts_) {
        if (auto r = h->start(hc); !r) {
            log::error("devices", std::string(deviceKindName(h->kind())) + ": " + r.error().message);
            if (first.ok()) first = r.error();
        }
    }
    return first;
}

Result<void> DeviceManager::startPrinter() {
    const std::string dir = config_.profilesDir.empty() ? PrinterProfiles::defaultDirectory() : config_.profilesDir;
    auto loaded = PrinterProfiles::loadDirectory(dir);
    if (!loaded) return loaded.error();
    profiles_ = std::move(*loaded);

    auto sink = [this](const DeviceEvent& e) { onEvent(e); };
    if (config_.demo) {
        const std::string name = config_.printerProfile.empty() ? "generic-80mm" : config_.printerProfile;
        const auto* p = profiles_.find(name);
        if (!p) return makeError(ErrorCode::NotFound, "printer profile '" + name + "' not found in " + dir);
        auto link = std::make_unique<EmulatorPrinterLink>(*p);
        link->printer()->setReceiptLimit(8);  // bounded memory, personal data not hoarded
        demoLink_ = link.get();
        if (!config_.receiptPngDir.empty()) {
            std::error_code ec;
            std::filesystem::create_directories(config_.receiptPngDir, ec);
            auto counter = std::make_shared<std::atomic<int>>(0);
            link->printer()->setOnCut([dir = config_.receiptPngDir, counter](const emu::Paper& paper) {
                char name[64];
                std::snprintf(name, sizeof name, "/receipt-%lld-%03d.png",
                              static_cast<long long>(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())),
                              ++*counter);
                if (auto w = emu::writePng(paper, dir + name); !w) log::warning("devices", w.error().message);
            });
        }
        printer_ = std::make_unique<ReceiptPrinterWorker>(std::move(link), ui_, sink, config_.printer);
        return {};
    }
    if (!usb_) return makeError(ErrorCode::NotSupported, "no USB: the receipt printer cannot be followed");
    auto link = UsbPrinterLink::start(profiles_, config_.printerProfile, usb_);
    if (!link) return link.error();
    printer_ = std::make_unique<ReceiptPrinterWorker>(std::move(*link), ui_, sink, config_.printer);
    return {};
}

void DeviceManager::stop() {
    for (auto it = hosts_.rbegin(); it != hosts_.rend(); ++it) (*it)->stop();
    if (printer_) printer_->stop();
}

ReceiptPrinterService& DeviceManager::printer() {
    if (printer_) return *printer_;
    return noPrinter();
}

void DeviceManager::setListener(std::function<void(const DeviceEvent&)> listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::make_shared<std::function<void(const DeviceEvent&)>>(std::move(listener));
}

std::vector<DeviceEvent> DeviceManager::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<DeviceEvent> out;
    for (const auto& [kind, e] : inUse_) out.push_back(e);
    for (const auto& [id, e] : ignored_) out.push_back(e);
    return out;
}

std::vector<DeviceEvent> DeviceManager::devices() const {
    std::vector<DeviceKind> kinds{DeviceKind::Printer};
    for (const auto& h : hosts_)
        if (std::find(kinds.begin(), kinds.end(), h->kind()) == kinds.end()) kinds.push_back(h->kind());
    std::lock_guard lock(mutex_);
    std::vector<DeviceEvent> out;
    for (DeviceKind k : kinds) {
        auto it = inUse_.find(k);
        out.push_back(it != inUse_.end() ? it->second : DeviceEvent{k, {}, DeviceStatus::Absent, {}});
    }
    for (const auto& [id, e] : ignored_) out.push_back(e);
    return out;
}

void DeviceManager::onEvent(const DeviceEvent& e) {
    std::shared_ptr<std::function<void(const DeviceEvent&)>> listener;
    {
        std::lock_guard lock(mutex_);
        if (!e.ignoredBecause.empty()) {
            // An ignored device that leaves is forgotten; one still there keeps its reason.
            if (e.status == DeviceStatus::Absent) ignored_.erase(e.deviceId);
            else ignored_[e.deviceId] = e;
        } else {
            inUse_[e.kind] = e;
            if (!e.deviceId.empty()) ignored_.erase(e.deviceId);  // promoted: in use now
        }
        listener = listener_;
    }
    log::info("devices", std::string(deviceKindName(e.kind)) + " " + e.deviceId + ": " + deviceStatusName(e.status) +
                             (e.detail.empty() ? "" : " (" + e.detail + ")") +
                             (e.ignoredBecause.empty() ? "" : " [ignored: " + e.ignoredBecause + "]"));
    if (listener) ui_.post([listener, e] { (*listener)(e); });
}

std::shared_ptr<emu::PrinterEmulator> DeviceManager::demoPrinter() const { return demoLink_ ? demoLink_->printer() : nullptr; }

emu::EmulatorTransport* DeviceManager::demoTransport() const { return demoLink_ ? &demoLink_->emulatorTransport() : nullptr; }

}  // namespace guichet
