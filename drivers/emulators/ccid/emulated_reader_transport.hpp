// The emulated reader as an in-process usb::Transport: the CCID driver, the card service
// and guichetctl run against it exactly as against libusb.
#pragma once

#include <atomic>
#include <memory>

#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"
#include "drivers/usb/transport.hpp"

namespace guichet::emu {

class EmulatedReaderTransport final : public usb::Transport {
public:
    explicit EmulatedReaderTransport(std::shared_ptr<EmulatedCcidReader> reader) : reader_(std::move(reader)) {}

    Result<std::size_t> bulkWrite(std::span<const std::uint8_t> data, usb::Timeout timeout) override;
    Result<std::size_t> bulkRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) override;
    Result<std::size_t> interruptRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) override;
    bool interruptReadWakeable() const override { return true; }
    void wakeInterruptRead() override;
    Result<std::size_t> control(const usb::ControlSetup& setup, std::span<std::uint8_t> data,
                                usb::Timeout timeout) override;
    void close() override { open_ = false; }
    bool isOpen() const override { return open_ && !reader_->unplugged(); }

    EmulatedCcidReader& reader() { return *reader_; }

private:
    Result<void> usable() const;
    std::shared_ptr<EmulatedCcidReader> reader_;
    std::atomic<bool> open_{true};
};

}  // namespace guichet::emu
