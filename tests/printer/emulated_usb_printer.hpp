// The printer emulator behind a fake USB device: bulk OUT feeds it (with flow control: a
// printer out of paper NAKs), bulk IN returns its status answers, GET_DEVICE_ID answers its
// IEEE 1284 id. It also keeps the job bytes (status queries aside) for byte-exact checks.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "drivers/emulators/printer/printer_emulator.hpp"
#include "tests/support/umockdev/fake_usb_function.hpp"

namespace guichet::test {

class EmulatedUsbPrinter final : public FakeUsbFunction {
public:
    EmulatedUsbPrinter(std::shared_ptr<emu::PrinterEmulator> printer, std::uint8_t inEndpoint)
        : printer_(std::move(printer)), inEndpoint_(inEndpoint) {}

    bool onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    bool acceptsOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    InReply onIn(std::uint8_t endpoint, std::size_t max) override;
    std::optional<Bytes> onControl(const SetupPacket& setup, std::span<const std::uint8_t> out) override;

    // Stop taking job data once `bytes` of it arrived (a busy printer): the host's write hangs
    // until its timeout or an unplug. 0 = never.
    void holdAfter(std::size_t bytes) { holdAfter_ = bytes; }
    Bytes jobBytes() const;      // everything but DLE EOT queries
    std::size_t jobByteCount() const;
    emu::PrinterEmulator& printer() { return *printer_; }

private:
    std::shared_ptr<emu::PrinterEmulator> printer_;
    std::uint8_t inEndpoint_;
    std::atomic<std::size_t> holdAfter_{0};
    mutable std::mutex mutex_;
    Bytes job_;
};

}  // namespace guichet::test
