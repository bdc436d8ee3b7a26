#include "drivers/usb/usb_context.hpp"

#include <libusb.h>

#include "drivers/common/log.hpp"
#include "drivers/usb/usb_error.hpp"

namespace guichet::usb {

Result<std::shared_ptr<UsbContext>> UsbContext::create() {
    libusb_context* ctx = nullptr;
    int rc = libusb_init(&ctx);
    if (rc != LIBUSB_SUCCESS) return fromLibusb(rc, "libusb_init");
    return std::shared_ptr<UsbContext>(new UsbContext(ctx));
}

UsbContext::~UsbContext() {
    stopEventThread();
    libusb_exit(ctx_);
}

void UsbContext::startEventThread() {
    if (running_.exchange(true)) return;
    events_ = std::thread([this] {
        // Sleeps until libusb has an event (transfers, their timeouts, hotplug): stop() wakes
        // it with libusb_interrupt_event_handler, so no periodic wake-up is needed.
        timeval tv{3600, 0};
        while (running_.load()) {
            int rc = libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
            if (rc != LIBUSB_SUCCESS && rc != LIBUSB_ERROR_INTERRUPTED) {
                log::warning("usb", std::string("event loop: ") + libusb_error_name(rc));
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    });
}

void UsbContext::stopEventThread() {
    if (!running_.exchange(false)) return;
    libusb_interrupt_event_handler(ctx_);
    if (events_.joinable()) events_.join();
}

}  // namespace guichet::usb
