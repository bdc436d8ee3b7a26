// One kind of device the DeviceManager hosts beside its receipt printer (the card reader,
// the scanner). The manager gives every host the same USB context (one libusb event thread
// for all hotplug) and records what the host reports in its table, the one place the UI,
// the heartbeat and `guichetctl devices` ask. Hosts live in their own areas (kiosk/card,
// kiosk/scan) and plug in here, so this area never depends on them.
#pragma once

#include <functional>
#include <memory>

#include "drivers/common/result.hpp"
#include "drivers/usb/usb_context.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/devices/device_state.hpp"

namespace guichet {

struct HostContext {
    MainThreadQueue& ui;
    std::shared_ptr<usb::UsbContext> usb;             // null in demo mode or when USB could not start
    std::function<void(const DeviceEvent&)> report;  // any thread: every state change, ignored devices too
};

class DeviceHost {
public:
    virtual ~DeviceHost() = default;
    virtual DeviceKind kind() const = 0;
    // False when this host needs no USB (its demo emulator, a network scanner).
    virtual bool wantsUsb() const { return true; }
    // Starts following the devices. An error is for the operator; the host stays usable
    // (its service answers "absent").
    virtual Result<void> start(const HostContext& ctx) = 0;
    // Joins the host's threads: nothing is reported after it returns.
    virtual void stop() = 0;
};

}  // namespace guichet
