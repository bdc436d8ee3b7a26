#include "kiosk/devices/printer_link.hpp"

#include <optional>
#include <vector>

#include "drivers/common/log.hpp"
#include "drivers/usb/discovery.hpp"
#include "drivers/usb/hotplug.hpp"
#include "drivers/usb/libusb_transport.hpp"
#include "kiosk/devices/receipt_printer_choice.hpp"

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
    std::vector<usb::UsbDeviceInfo> present;  // arrived and not left, in arrival order
    std::optional<usb::UsbDeviceInfo> opened;  // the one behind `transport`
    std::unique_ptr<usb::LibusbTransport> transport;
};

namespace {

bool sameDevice(const usb::UsbDeviceInfo& a, const usb::UsbDeviceInfo& b) { return a.bus == b.bus && a.address == b.address; }

}  // namespace

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
    auto mon = usb::HotplugMonitor::start(s->ctx, receiptPrinterMatches(profiles));
    if (!mon) return mon.error();
    s->monitor = std::move(*mon);
    return std::unique_ptr<UsbPrinterLink>(new UsbPrinterLink(std::move(s)));
}

void UsbPrinterLink::tryOpen() {
    if (s_->transport) return;
    const auto choices = receiptPrinterChoices(s_->present);
    if (choices.empty()) {
        problem_.clear();
        if (!s_->present.empty()) problem_ = "only an office printer is connected (" + s_->present.front().id() + "): not a receipt printer";
        return;
    }
    for (const usb::UsbDeviceInfo* d : choices) {
        const escpos::PrinterProfile* p = nullptr;
        if (!s_->forced.empty()) p = s_->profiles->find(s_->forced);
        if (!p) p = s_->profiles->forUsb(d->vendorId, d->productId);
        if (!p) p = s_->profiles->find("generic-80mm");
        if (!p) {
            problem_ = "no printer profile for " + d->id();
            continue;
        }
        auto t = usb::LibusbTransport::open(s_->ctx, *d);
        if (!t) {
            problem_ = t.error().message;  // retried at the next poll (e.g. permissions fixed)
            continue;
        }
        s_->transport = std::move(*t);
        s_->opened = *d;
        profile_ = *p;
        deviceId_ = d->id();
        problem_.clear();
        log::info("devices", "printer " + deviceId_ + " opened with profile " + profile_.name);
        return;
    }
}

void UsbPrinterLink::poll(std::chrono::milliseconds timeout) {
    // A transport that saw NO_DEVICE is dead even if the LEFT event is late.
    if (s_->transport && !s_->transport->isOpen()) {
        log::info("devices", "printer " + deviceId_ + " disconnected");
        s_->transport.reset();
        s_->opened.reset();
    }
    auto first = s_->monitor->next(timeout);
    for (auto ev = std::move(first); ev; ev = s_->monitor->next(std::chrono::milliseconds(0))) {
        auto& present = s_->present;
        std::erase_if(present, [&](const usb::UsbDeviceInfo& d) { return sameDevice(d, ev->device); });
        if (ev->kind == usb::HotplugEvent::Kind::Arrived) {
            present.push_back(ev->device);
        } else if (s_->opened && sameDevice(*s_->opened, ev->device)) {
            s_->transport.reset();
            s_->opened.reset();
        }
    }
    tryOpen();
}

void UsbPrinterLink::setWakeUp(std::function<void()> wake) { s_->monitor->setListener(std::move(wake)); }

usb::Transport* UsbPrinterLink::transport() { return s_->transport.get(); }

}  // namespace guichet
