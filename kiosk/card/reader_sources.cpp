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
    w->thread_ = std::thread([w = w.get(), mon = std::shared_ptr<usb::HotplugMonitor>(std::move(*monitor))] {
        while (!w->stop_) {
            auto e = mon->next(200ms);
            if (!e) continue;
            if (e->kind == usb::HotplugEvent::Kind::Left) {
                w->service_.detach(e->device.id());
                continue;
            }
            auto h = openUsbReader(w->ctx_, e->device);
            if (!h) {
                log::warning("card", e->device.id() + ": cannot use this reader: " + h.error().message);
                continue;
            }
            w->service_.attach(std::move(*h));
        }
        mon->stop();
    });
    return w;
}

UsbReaderWatcher::~UsbReaderWatcher() { stop(); }

void UsbReaderWatcher::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

}  // namespace guichet::card
