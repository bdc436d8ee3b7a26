// The emulated scanner behind one IPP-over-USB interface, as a usb::Transport: bulk OUT
// carries requests, bulk IN gives answers in packets no larger than the read asks for,
// SOFT_RESET (class request 2) drops what is in flight. Used in-process and as the data
// source of the fake USB device under umockdev.
#pragma once

#include <mutex>

#include "drivers/emulators/escl/emulator_connection.hpp"
#include "drivers/usb/transport.hpp"

namespace guichet::emu {

class EmulatedIppUsbInterface final : public usb::Transport {
public:
    EmulatedIppUsbInterface(EsclEmulator& emulator, int interfaceNumber)
        : emulator_(emulator), connection_(emulator), interface_(interfaceNumber) {}

    Result<std::size_t> bulkWrite(std::span<const std::uint8_t> data, usb::Timeout timeout) override;
    Result<std::size_t> bulkRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) override;
    Result<std::size_t> interruptRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) override;
    Result<std::size_t> control(const usb::ControlSetup& setup, std::span<std::uint8_t> data,
                                usb::Timeout timeout) override;
    void close() override;
    bool isOpen() const override;

    int softResets() const;
    std::size_t largestRead() const;  // the biggest bulk IN buffer a client asked for

private:
    EsclEmulator& emulator_;
    mutable std::mutex mutex_;
    EmulatorConnection connection_;
    int interface_;
    bool open_ = true;
    int softResets_ = 0;
    std::size_t largestRead_ = 0;
};

}  // namespace guichet::emu
