#include "kiosk/card/reader_sources.hpp"

#include "drivers/common/log.hpp"
#include "drivers/emulators/ccid/emulated_reader_transport.hpp"
#include "drivers/usb/hotplug.hpp"
#include "drivers/usb/libusb_transport.hpp"

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
                                                                  CardService& service) {
    auto monitor = usb::HotplugMonitor::start(ctx, {usb::DeviceMatch::byClass(usb::kClassCcid, {}, {}, "ccid")});
    if (!monitor) return monitor.error();
    std::unique_ptr<UsbReaderWatcher> w(new UsbReaderWatcher(ctx, service));
    w->monitor_ = std::move(*monitor);
    if (auto started = w->worker_.start(); !started) return started.error();
    UsbReaderWatcher* raw = w.get();
    w->monitor_->setListener([raw] { raw->worker_.post([raw] { raw->takeEvents(); }); });
    return w;
}

void UsbReaderWatcher::takeEvents() {
    while (auto e = monitor_->next(usb::Timeout(0))) {
        if (e->kind == usb::HotplugEvent::Kind::Left) {
            service_.detach(e->device.id());
            continue;
        }
        auto h = openUsbReader(ctx_, e->device);
        if (!h) {
            log::warning("card", e->device.id() + ": cannot use this reader: " + h.error().message);
            continue;
        }
        service_.attach(std::move(*h));
    }
}

UsbReaderWatcher::~UsbReaderWatcher() { stop(); }

void UsbReaderWatcher::stop() {
    if (monitor_) monitor_->stop();  // waits for a callback in flight: nothing is posted after
    worker_.stop();
    worker_.join();
}

}  // namespace guichet::card
