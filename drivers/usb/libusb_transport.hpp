// The Transport over a real (or umockdev-faked) USB device through libusb: opens the device
// found by discovery, detaches the kernel driver (usblp holds printers), claims the
// interface and uses the endpoints the descriptors named. Stall → clear halt, retry once.
#pragma once

#include <memory>
#include <mutex>

#include "drivers/usb/transport.hpp"
#include "drivers/usb/usb_context.hpp"
#include "drivers/usb/usb_device_info.hpp"

struct libusb_device_handle;

namespace guichet::usb {

class LibusbTransport final : public Transport {
public:
    // NotFound if the device is no longer there, Busy if another program holds it.
    static Result<std::unique_ptr<LibusbTransport>> open(std::shared_ptr<UsbContext> ctx, const UsbDeviceInfo& device);
    ~LibusbTransport() override;

    Result<std::size_t> bulkWrite(std::span<const std::uint8_t> data, Timeout timeout) override;
    Result<std::size_t> bulkRead(std::span<std::uint8_t> buffer, Timeout timeout) override;
    Result<std::size_t> interruptRead(std::span<std::uint8_t> buffer, Timeout timeout) override;
    Result<std::size_t> control(const ControlSetup& setup, std::span<std::uint8_t> data, Timeout timeout) override;
    void close() override;
    bool isOpen() const override;

    const UsbDeviceInfo& device() const { return device_; }
    // Reads a string descriptor (manufacturer, product) as ASCII; empty on failure.
    std::string stringDescriptor(std::uint8_t index, Timeout timeout);

private:
    LibusbTransport(std::shared_ptr<UsbContext> ctx, libusb_device_handle* h, UsbDeviceInfo d)
        : ctx_(std::move(ctx)), handle_(h), device_(std::move(d)) {}
    Result<std::size_t> transferOnce(std::uint8_t endpoint, bool interrupt, std::uint8_t* data, int length,
                                     Timeout timeout, int& rcOut);

    std::shared_ptr<UsbContext> ctx_;
    mutable std::mutex mutex_;
    libusb_device_handle* handle_;
    UsbDeviceInfo device_;
    bool disconnected_ = false;  // a NO_DEVICE answer is final for this handle
};

}  // namespace guichet::usb
