// Where the card service's readers come from: USB hotplug (libusb, CCID class 0x0B) or the
// in-process emulator. Both end in CardService::attach/detach, so the service never knows.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"
#include "drivers/usb/hotplug.hpp"
#include "drivers/usb/usb_context.hpp"
#include "drivers/usb/usb_device_info.hpp"
#include "kiosk/card/card_service.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::card {

// Opens a discovered CCID interface (claims it) and reads its class descriptor.
Result<ReaderHandle> openUsbReader(std::shared_ptr<usb::UsbContext> ctx, const usb::UsbDeviceInfo& device);
ReaderHandle emulatedReaderHandle(std::shared_ptr<emu::EmulatedCcidReader> reader,
                                  std::string deviceId = "emulator:card-reader");

// Follows CCID readers coming and going (libusb hotplug, ENUMERATE) and hands them to the
// service. A Worker woken by the hotplug callback opens the readers (no I/O in the callback).
class UsbReaderWatcher {
public:
    static Result<std::unique_ptr<UsbReaderWatcher>> start(std::shared_ptr<usb::UsbContext> ctx, CardService& service);
    ~UsbReaderWatcher();
    void stop();

private:
    UsbReaderWatcher(std::shared_ptr<usb::UsbContext> ctx, CardService& s) : ctx_(std::move(ctx)), service_(s) {}
    void takeEvents();
    std::shared_ptr<usb::UsbContext> ctx_;
    CardService& service_;
    std::unique_ptr<usb::HotplugMonitor> monitor_;
    Worker worker_{"card-hotplug"};
};

}  // namespace guichet::card
