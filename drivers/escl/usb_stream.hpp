// A ByteStream over the bulk endpoints of one IPP-over-USB interface (class 7/1/4). Reads
// stay ≤ 16 KiB (PROTOCOLS.md §3); reset() sends the printer-class SOFT_RESET and drains.
#pragma once

#include <memory>

#include "drivers/escl/byte_stream.hpp"
#include "drivers/usb/transport.hpp"

namespace guichet::escl {

class UsbStream final : public ByteStream {
public:
    static constexpr std::size_t kMaxRead = 16 * 1024;

    // `transport` is already claimed on the interface `interfaceNumber`.
    UsbStream(std::shared_ptr<usb::Transport> transport, int interfaceNumber, std::string label);

    Result<void> writeAll(std::span<const std::uint8_t> data, Millis timeout) override;
    Result<std::size_t> readSome(std::span<std::uint8_t> buffer, Millis timeout) override;
    Result<void> reset(Millis timeout) override;
    std::string describe() const override { return label_; }

private:
    std::shared_ptr<usb::Transport> transport_;
    int interface_;
    std::string label_;
};

}  // namespace guichet::escl
