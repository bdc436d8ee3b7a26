// Where the card service's readers come from: USB hotplug (libusb, CCID class 0x0B) or the
// in-process emulator. Both end in CardService::attach/detach, so the service never knows.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <thread>
#include <vector>

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

// Follows CCID readers coming and going (libusb hotplug, ENUMERATE) and hands ONE of them to
// the service: the configured one, else the one in use, else the first seen (reader_choice.hpp).
// Every other reader plugged in, and one that cannot be used (claim refused, nonsense class
// descriptor), is reported to `ignored` with the reason (DeviceEvent::ignoredBecause), and
// reported again with status Absent when it leaves. A Worker woken by the hotplug callback
// does the work (no I/O in the callback).
class UsbReaderWatcher {
public:
    using Report = std::function<void(const DeviceEvent&)>;  // called on the watcher's worker
    static Result<std::unique_ptr<UsbReaderWatcher>> start(std::shared_ptr<usb::UsbContext> ctx, CardService& service,
                                                           std::string configuredReader = {}, Report ignored = {});
    ~UsbReaderWatcher();
    void stop();

private:
    UsbReaderWatcher(std::shared_ptr<usb::UsbContext> ctx, CardService& s, std::string configured, Report ignored)
        : ctx_(std::move(ctx)), service_(s), configured_(std::move(configured)), ignored_(std::move(ignored)) {}
    void takeEvents();
    void choose();
    void reportIgnored(const std::string& id, DeviceStatus status, const std::string& why);

    std::shared_ptr<usb::UsbContext> ctx_;
    CardService& service_;
    const std::string configured_;
    const Report ignored_;
    std::unique_ptr<usb::HotplugMonitor> monitor_;
    // Worker-owned.
    std::vector<usb::UsbDeviceInfo> present_;        // in the order they arrived
    std::map<std::string, std::string> unusable_;    // id → why it cannot be used
    std::map<std::string, std::string> reported_;    // ids reported as ignored → the reason given
    std::string inUse_;
    Worker worker_{"card-hotplug"};
};

}  // namespace guichet::card
