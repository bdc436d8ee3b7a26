// One libusb context for the process, and the single thread that runs libusb's event loop
// (hotplug callbacks, async completions). Transports and monitors share it by shared_ptr so
// that the context outlives every handle opened in it.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "drivers/common/result.hpp"

struct libusb_context;

namespace guichet::usb {

class UsbContext {
public:
    static Result<std::shared_ptr<UsbContext>> create();
    ~UsbContext();
    UsbContext(const UsbContext&) = delete;
    UsbContext& operator=(const UsbContext&) = delete;

    libusb_context* raw() const { return ctx_; }

    // Starts the event thread (idempotent). Needed for hotplug; synchronous transfers
    // work with or without it (libusb arbitrates the event lock).
    void startEventThread();
    void stopEventThread();

private:
    explicit UsbContext(libusb_context* ctx) : ctx_(ctx) {}
    libusb_context* ctx_;
    std::atomic<bool> running_{false};
    std::thread events_;
};

}  // namespace guichet::usb
