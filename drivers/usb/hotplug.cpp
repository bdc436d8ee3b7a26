#include "drivers/usb/hotplug.hpp"

#include <libusb.h>

#include "drivers/usb/discovery.hpp"
#include "drivers/usb/usb_error.hpp"

namespace guichet::usb {
namespace {

int LIBUSB_CALL onHotplug(libusb_context*, libusb_device* device, libusb_hotplug_event event, void* user) {
    auto* self = static_cast<HotplugMonitor*>(user);
    if (event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED) {
        // describeDevice only reads cached descriptors: no I/O in the callback.
        if (auto info = describeDevice(device, self->matches())) {
            self->remember(device, *info);
            self->enqueue(HotplugEvent{HotplugEvent::Kind::Arrived, std::move(*info)});
        }
    } else if (auto info = self->forget(device)) {
        // A departing device is described from what it was on arrival, never by reading its
        // descriptors again: libusb's own monitor thread may be freeing them (TSan saw it,
        // libusb 1.0.26: op_destroy_device on 'libusb_event' during our read).
        self->enqueue(HotplugEvent{HotplugEvent::Kind::Left, std::move(*info)});
    }
    return 0;  // stay registered
}

}  // namespace

Result<std::unique_ptr<HotplugMonitor>> HotplugMonitor::start(std::shared_ptr<UsbContext> ctx, std::vector<DeviceMatch> matches) {
    if (!libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG))
        return makeError(ErrorCode::NotSupported, "libusb has no hotplug support here");
    std::unique_ptr<HotplugMonitor> m(new HotplugMonitor(ctx, std::move(matches)));
    int rc = libusb_hotplug_register_callback(
        ctx->raw(), static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        LIBUSB_HOTPLUG_ENUMERATE, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, onHotplug,
        m.get(), &m->handle_);
    if (rc != LIBUSB_SUCCESS) return fromLibusb(rc, "registering the hotplug callback");
    m->registered_ = true;
    ctx->startEventThread();
    return m;
}

HotplugMonitor::~HotplugMonitor() { stop(); }

void HotplugMonitor::stop() {
    if (registered_) {
        // Safe from any thread: libusb waits for a running callback to finish.
        libusb_hotplug_deregister_callback(ctx_->raw(), handle_);
        registered_ = false;
    }
    std::lock_guard lock(mutex_);
    stopped_ = true;
    cv_.notify_all();
}

void HotplugMonitor::enqueue(HotplugEvent event) {
    std::function<void()> listener;
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(event));
        listener = listener_;
    }
    cv_.notify_one();
    if (listener) listener();
}

void HotplugMonitor::remember(const libusb_device* device, const UsbDeviceInfo& info) {
    std::lock_guard lock(mutex_);
    present_[device] = info;
}

std::optional<UsbDeviceInfo> HotplugMonitor::forget(const libusb_device* device) {
    std::lock_guard lock(mutex_);
    auto it = present_.find(device);
    if (it == present_.end()) return std::nullopt;
    UsbDeviceInfo info = std::move(it->second);
    present_.erase(it);
    return info;
}

void HotplugMonitor::setListener(std::function<void()> listener) {
    bool queued;
    {
        std::lock_guard lock(mutex_);
        listener_ = listener;
        queued = !queue_.empty();
    }
    // Events that arrived before (ENUMERATE at registration) must not wait for the next one.
    if (queued && listener) listener();
}

std::optional<HotplugEvent> HotplugMonitor::next(Timeout timeout) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, timeout, [&] { return !queue_.empty() || stopped_; });
    if (queue_.empty()) return std::nullopt;
    HotplugEvent e = std::move(queue_.front());
    queue_.pop_front();
    return e;
}

}  // namespace guichet::usb
