#include "drivers/emulators/escl/emulated_ippusb_interface.hpp"

#include <algorithm>
#include <thread>

namespace guichet::emu {

Result<std::size_t> EmulatedIppUsbInterface::bulkWrite(std::span<const std::uint8_t> data, usb::Timeout) {
    std::lock_guard lock(mutex_);
    if (!open_) return makeError(ErrorCode::Disconnected, "emulated USB: closed");
    if (emulator_.unplugged()) return makeError(ErrorCode::Disconnected, "emulated USB: unplugged");
    connection_.received(data);
    return data.size();
}

Result<std::size_t> EmulatedIppUsbInterface::bulkRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            largestRead_ = std::max(largestRead_, buffer.size());
            if (!open_) return makeError(ErrorCode::Disconnected, "emulated USB: closed");
            if (emulator_.unplugged() || connection_.cut())
                return makeError(ErrorCode::Disconnected, "emulated USB: unplugged");
            auto at = connection_.readyAt();
            if (at && *at <= Clock::now()) {
                // A "Connection: close" means nothing on USB: the interface stays usable.
                std::size_t n = connection_.take(buffer);
                if (connection_.closed()) connection_.reset();
                return n;
            }
        }
        if (Clock::now() >= deadline) return makeError(ErrorCode::Timeout, "emulated USB: bulk IN timed out");
        std::this_thread::sleep_for(usb::Timeout(5));
    }
}

Result<std::size_t> EmulatedIppUsbInterface::interruptRead(std::span<std::uint8_t>, usb::Timeout) {
    return makeError(ErrorCode::NotSupported, "IPP-over-USB has no interrupt endpoint");
}

Result<std::size_t> EmulatedIppUsbInterface::control(const usb::ControlSetup& setup, std::span<std::uint8_t>,
                                                      usb::Timeout) {
    std::lock_guard lock(mutex_);
    if (!open_ || emulator_.unplugged()) return makeError(ErrorCode::Disconnected, "emulated USB: unplugged");
    if (setup.requestType == 0x21 && setup.request == 0x02 && setup.index == interface_) {
        ++softResets_;
        connection_.reset();
        return std::size_t{0};
    }
    return makeError(ErrorCode::Stall, "emulated USB: unsupported control request");
}

void EmulatedIppUsbInterface::close() {
    std::lock_guard lock(mutex_);
    open_ = false;
}

bool EmulatedIppUsbInterface::isOpen() const {
    std::lock_guard lock(mutex_);
    return open_;
}

int EmulatedIppUsbInterface::softResets() const {
    std::lock_guard lock(mutex_);
    return softResets_;
}

std::size_t EmulatedIppUsbInterface::largestRead() const {
    std::lock_guard lock(mutex_);
    return largestRead_;
}

}  // namespace guichet::emu
