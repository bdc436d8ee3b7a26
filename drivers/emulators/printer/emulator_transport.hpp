// The printer emulator as an in-process Transport (demo mode, tests): bulk OUT feeds the
// emulator, bulk IN returns its status answers, control answers the printer-class requests.
// unplug()/plug() make every call fail with Disconnected and come back, like a USB cable.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "drivers/emulators/printer/printer_emulator.hpp"
#include "drivers/usb/transport.hpp"

namespace guichet::emu {

class EmulatorTransport final : public usb::Transport {
public:
    explicit EmulatorTransport(std::shared_ptr<PrinterEmulator> printer) : printer_(std::move(printer)) {}

    Result<std::size_t> bulkWrite(std::span<const std::uint8_t> data, usb::Timeout timeout) override;
    Result<std::size_t> bulkRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) override;
    Result<std::size_t> interruptRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) override;
    Result<std::size_t> control(const usb::ControlSetup& setup, std::span<std::uint8_t> data, usb::Timeout timeout) override;
    void close() override { open_ = false; }
    bool isOpen() const override { return open_ && plugged_; }

    void unplug() { plugged_ = false; }
    void plug() { plugged_ = true; open_ = true; }
    bool plugged() const { return plugged_; }
    // Refused writes (paper out) fail after this long instead of the caller's full timeout.
    void setRefusalDelay(usb::Timeout d) { refusalDelay_ = d; }
    PrinterEmulator& printer() { return *printer_; }

private:
    std::shared_ptr<PrinterEmulator> printer_;
    std::atomic<bool> open_{true}, plugged_{true};
    usb::Timeout refusalDelay_{20};
};

// IEEE 1284 device id, as GET_DEVICE_ID returns it (2-byte big-endian length first).
Bytes ieee1284DeviceId(const escpos::PrinterProfile& profile);

}  // namespace guichet::emu
