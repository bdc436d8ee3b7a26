#include "kiosk/devices/printer_link.hpp"

#include <optional>

#include "drivers/common/log.hpp"
#include "drivers/usb/discovery.hpp"
#include "drivers/usb/hotplug.hpp"
#include "drivers/usb/libusb_transport.hpp"

namespace guichet {

EmulatorPrinterLink::EmulatorPrinterLink(escpos::PrinterProfile profile)
    : profile_(std::move(profile)),
      printer_(std::make_shared<emu::PrinterEmulator>(profile_)),
      transport_(std::make_unique<emu::EmulatorTransport>(printer_)) {}

void EmulatorPrinterLink::poll(std::chrono::milliseconds) {}  // plugged or not: nothing to take in

usb::Transport* EmulatorPrinterLink::transport() { return transport_->plugged() ? transport_.get() : nullptr; }

struct UsbPrinterLink::State {
    const PrinterProfiles* profiles = nullptr;
    std::string forced;
    std::shared_ptr<usb::UsbContext> ctx;
    std::unique_ptr<usb::HotplugMonitor> monitor;
    std::optional<usb::UsbDeviceInfo> candidate;  // arrived, maybe not opened yet
    std::unique_ptr<usb::LibusbTransport> transport;
};

UsbPrinterLink::UsbPrinterLink(std::unique_ptr<State> s) : s_(std::move(s)) {}
UsbPrinterLink::~UsbPrinterLink() {
    if (s_->monitor) s_->monitor->stop();
    s_->transport.reset();
}

Result<std::unique_ptr<UsbPrinterLink>> UsbPrinterLink::start(const PrinterProfiles& profiles, std::string forced,
                                                              std::shared_ptr<usb::UsbContext> shared) {
    auto s = std::make_unique<State>();
    s->profiles = &profiles;
    s->forced = std::move(forced);
    if (!shared) {
        auto ctx = usb::UsbContext::create();
        if (!ctx) return ctx.error();
        shared = *ctx;
    }
    s->ctx = std::move(shared);
    std::vector<usb::DeviceMatch> matches;
    for (const auto& [name, p] : profiles.all())
        for (auto [vid, pid] : p.usbIds) matches.push_back(usb::DeviceMatch::byId(vid, pid, name));
    // Any other printer-class interface, bidirectional or not (not IPP-over-USB: that is a scanner's).
    matches.push_back(usb::DeviceMatch::byClass(usb::kClassPrinter, 1, 2));
    matches.push_back(usb::DeviceMatch::byClass(usb::kClassPrinter, 1, 1));
    auto mon = usb::HotplugMonitor::start(s->ctx, std::move(matches));
    if (!mon) return mon.error();
    s->monitor = std::move(*mon);
    return std::unique_ptr<UsbPrinterLink>(new UsbPrinterLink(std::move(s)));
}

void UsbPrinterLink::tryOpen() {
    if (s_->transport || !s_->candidate) return;
    const usb::UsbDeviceInfo& d = *s_->candidate;
    const escpos::PrinterProfile* p = nullptr;
    if (!s_->forced.empty()) p = s_->profiles->find(s_->forced);
    if (!p) p = s_->profiles->forUsb(d.vendorId, d.productId);
    if (!p) p = s_->profiles->find("generic-80mm");
    if (!p) {
        problem_ = "no printer profile for " + d.id();
        return;
    }
    auto t = usb::LibusbTransport::open(s_->ctx, d);
    if (!t) {
        problem_ = t.error().message;  // retried at the next poll (e.g. permissions fixed)
        return;
    }
    s_->transport = std::move(*t);
    profile_ = *p;
    deviceId_ = d.id();
    problem_.clear();
    log::info("devices", "printer " + deviceId_ + " opened with profile " + profile_.name);
}

void UsbPrinterLink::poll(std::chrono::milliseconds timeout) {
    // A transport that saw NO_DEVICE is dead even if the LEFT event is late.
    if (s_->transport && !s_->transport->isOpen()) {
        log::info("devices", "printer " + deviceId_ + " disconnected");
        s_->transport.reset();
    }
    auto first = s_->monitor->next(timeout);
    for (auto ev = std::move(first); ev; ev = s_->monitor->next(std::chrono::milliseconds(0))) {
        if (ev->kind == usb::HotplugEvent::Kind::Arrived) {
            if (!s_->candidate || !s_->transport) s_->candidate = ev->device;
        } else if (s_->candidate && s_->candidate->bus == ev->device.bus && s_->candidate->address == ev->device.address) {
            s_->transport.reset();
            s_->candidate.reset();
        }
    }
    tryOpen();
}

void UsbPrinterLink::setWakeUp(std::function<void()> wake) { s_->monitor->setListener(std::move(wake)); }

usb::Transport* UsbPrinterLink::transport() { return s_->transport.get(); }

}  // namespace guichet
