// Arrivals and departures of matching USB devices, from libusb's hotplug API: registered with
// ENUMERATE (devices already present arrive first), callbacks run on the context's single
// event thread and only enqueue; the owner (the device manager's worker) drains the queue.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/usb/transport.hpp"
#include "drivers/usb/usb_context.hpp"
#include "drivers/usb/usb_device_info.hpp"

struct libusb_device;

namespace guichet::usb {

struct HotplugEvent {
    enum class Kind { Arrived, Left } kind;
    UsbDeviceInfo device;
};

class HotplugMonitor {
public:
    // NotSupported when libusb has no hotplug on this platform (then poll findDevices()).
    static Result<std::unique_ptr<HotplugMonitor>> start(std::shared_ptr<UsbContext> ctx, std::vector<DeviceMatch> matches);
    ~HotplugMonitor();
    HotplugMonitor(const HotplugMonitor&) = delete;
    HotplugMonitor& operator=(const HotplugMonitor&) = delete;

    // The next event, or nullopt after `timeout` (or once stopped).
    std::optional<HotplugEvent> next(Timeout timeout);
    // Called (on libusb's event thread, after the event is queued) for every event, so the
    // owner sleeps until there is one instead of polling next(). Must only post/notify.
    void setListener(std::function<void()> listener);
    void stop();

    // Called by the libusb callback (event thread, or the registering thread for ENUMERATE):
    // must only enqueue, and record what arrived so that a departure is told from it.
    void enqueue(HotplugEvent event);
    void remember(const libusb_device* device, const UsbDeviceInfo& info);
    std::optional<UsbDeviceInfo> forget(const libusb_device* device);
    const std::vector<DeviceMatch>& matches() const { return matches_; }

private:
    HotplugMonitor(std::shared_ptr<UsbContext> ctx, std::vector<DeviceMatch> m) : ctx_(std::move(ctx)), matches_(std::move(m)) {}
    std::shared_ptr<UsbContext> ctx_;
    std::vector<DeviceMatch> matches_;
    int handle_ = 0;
    bool registered_ = false;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<HotplugEvent> queue_;
    std::unordered_map<const libusb_device*, UsbDeviceInfo> present_;  // arrived, not yet left
    std::function<void()> listener_;
    bool stopped_ = false;
};

}  // namespace guichet::usb
