#include "kiosk/card/reader_sources.hpp"

#include <algorithm>

#include "drivers/common/log.hpp"
#include "drivers/emulators/ccid/emulated_reader_transport.hpp"
#include "drivers/usb/hotplug.hpp"
#include "drivers/usb/libusb_transport.hpp"
#include "kiosk/card/reader_choice.hpp"

namespace guichet::card {

using namespace std::chrono_literals;

Result<ReaderHandle> openUsbReader(std::shared_ptr<usb::UsbContext> ctx, const usb::UsbDeviceInfo& device) {
    auto descriptor = ccid::parseCcidClassDescriptor(device.iface.extra);
    if (!descriptor) return Error{descriptor.error().code, device.id() + ": " + descriptor.error().message};
    auto t = usb::LibusbTransport::open(std::move(ctx), device);
    if (!t) return t.error();
    ReaderHandle h;
    h.transport = std::move(*t);
    h.descriptor = *descriptor;
    h.deviceId = device.id();
    h.hasInterrupt = device.iface.interruptIn != 0;
    return h;
}

ReaderHandle emulatedReaderHandle(std::shared_ptr<emu::EmulatedCcidReader> reader, std::string deviceId) {
    ReaderHandle h;
    h.descriptor = reader->model().descriptor;
    h.transport = std::make_unique<emu::EmulatedReaderTransport>(std::move(reader));
    h.deviceId = std::move(deviceId);
    return h;
}

Result<std::unique_ptr<UsbReaderWatcher>> UsbReaderWatcher::start(std::shared_ptr<usb::UsbContext> ctx,
                                                                  CardService& service, std::string configured,
                                                                  Report ignored) {
    auto monitor = usb::HotplugMonitor::start(ctx, {usb::DeviceMatch::byClass(usb::kClassCcid, {}, {}, "ccid")});
    if (!monitor) return monitor.error();
    std::unique_ptr<UsbReaderWatcher> w(new UsbReaderWatcher(ctx, service, std::move(configured), std::move(ignored)));
    w->monitor_ = std::move(*monitor);
    if (auto started = w->worker_.start(); !started) return started.error();
    UsbReaderWatcher* raw = w.get();
    w->monitor_->setListener([raw] { raw->worker_.post([raw] { raw->takeEvents(); }); });
    // Readers already present arrived (ENUMERATE) before the listener existed.
    w->worker_.post([raw] { raw->takeEvents(); });
    return w;
}

void UsbReaderWatcher::takeEvents() {
    bool changed = false;
    while (auto e = monitor_->next(usb::Timeout(0))) {
        const std::string id = e->device.id();
        auto at = std::find_if(present_.begin(), present_.end(), [&](const usb::UsbDeviceInfo& d) { return d.id() == id; });
        if (e->kind == usb::HotplugEvent::Kind::Left) {
            if (at != present_.end()) present_.erase(at);
            unusable_.erase(id);
            if (id == inUse_) {
                service_.detach(id);
                inUse_.clear();
            }
            if (reported_.erase(id)) reportIgnored(id, DeviceStatus::Absent, "débranché");
        } else {
            if (at == present_.end()) present_.push_back(e->device);
            else *at = e->device;  // the same port again (a replug whose departure we missed)
            // A class descriptor that makes no sense is known without opening anything:
            // listed as unusable at once, whichever reader is in use.
            if (auto d = ccid::parseCcidClassDescriptor(e->device.iface.extra); !d)
                unusable_[id] = "lecteur inutilisable : " + d.error().message;
        }
        changed = true;
    }
    if (changed) choose();
}

void UsbReaderWatcher::choose() {
    for (;;) {
        std::vector<std::string> candidates;
        for (const auto& d : present_)
            if (!unusable_.count(d.id())) candidates.push_back(d.id());
        ReaderChoice c = chooseReader(candidates, configured_, inUse_);
        if (c.inUse != inUse_) {
            if (!inUse_.empty()) {
                service_.detach(inUse_, "replaced by the configured reader " + c.inUse);
                inUse_.clear();
            }
            if (!c.inUse.empty()) {
                auto device = std::find_if(present_.begin(), present_.end(),
                                           [&](const usb::UsbDeviceInfo& d) { return d.id() == c.inUse; });
                auto h = openUsbReader(ctx_, *device);
                if (!h) {
                    // Not usable (claimed elsewhere, a class descriptor that makes no sense):
                    // listed as such, and the next reader gets its chance.
                    log::warning("card", c.inUse + ": cannot use this reader: " + h.error().message);
                    unusable_[c.inUse] = h.error().code == ErrorCode::Busy
                                             ? "lecteur occupé par un autre programme (la borne ou pcscd ?) : " +
                                                   h.error().message
                                             : "lecteur inutilisable : " + h.error().message;
                    continue;
                }
                service_.attach(std::move(*h));
                inUse_ = c.inUse;
                reported_.erase(inUse_);  // the service reports it from now on
            }
        }
        // Each ignored reader is reported (and logged) once per reason, not at every event.
        for (const auto& i : c.ignored) reportIgnored(i.deviceId, DeviceStatus::Unknown, i.reason);
        for (const auto& [id, why] : unusable_) reportIgnored(id, DeviceStatus::Error, why);
        return;
    }
}

void UsbReaderWatcher::reportIgnored(const std::string& id, DeviceStatus status, const std::string& why) {
    if (status != DeviceStatus::Absent) {
        auto [it, added] = reported_.try_emplace(id, why);
        if (!added && it->second == why) return;
        it->second = why;
        log::warning("card", id + " not used: " + why);
    }
    if (ignored_) ignored_(DeviceEvent{DeviceKind::CardReader, id, status, {}, why});
}

UsbReaderWatcher::~UsbReaderWatcher() { stop(); }

void UsbReaderWatcher::stop() {
    if (monitor_) monitor_->stop();  // waits for a callback in flight: nothing is posted after
    worker_.stop();
    worker_.join();
}

}  // namespace guichet::card
