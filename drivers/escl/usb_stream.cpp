#include "drivers/escl/usb_stream.hpp"

#include <algorithm>
#include <array>

namespace guichet::escl {

namespace {
Millis remaining(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
    return std::max(left, Millis(1));
}
}  // namespace

UsbStream::UsbStream(std::shared_ptr<usb::Transport> transport, int interfaceNumber, std::string label)
    : transport_(std::move(transport)), interface_(interfaceNumber), label_(std::move(label)) {}

Result<void> UsbStream::writeAll(std::span<const std::uint8_t> data, Millis timeout) {
    const auto deadline = Clock::now() + timeout;
    std::size_t done = 0;
    while (done < data.size()) {
        if (Clock::now() >= deadline) return makeError(ErrorCode::Timeout, label_ + ": write timed out");
        auto n = transport_->bulkWrite(data.subspan(done), remaining(deadline));
        if (!n) return n.error();
        done += *n;
    }
    return {};
}

Result<std::size_t> UsbStream::readSome(std::span<std::uint8_t> buffer, Millis timeout) {
    // A zero-length packet is not the end of the stream on USB: read again until data
    // arrives or the deadline passes. The stream never "closes" — unplug is Disconnected.
    const auto deadline = Clock::now() + timeout;
    auto window = buffer.subspan(0, std::min(buffer.size(), kMaxRead));
    for (;;) {
        auto n = transport_->bulkRead(window, remaining(deadline));
        if (!n) return n.error();
        if (*n > 0) return *n;
        if (Clock::now() >= deadline) return makeError(ErrorCode::Timeout, label_ + ": read timed out");
    }
}

Result<void> UsbStream::reset(Millis timeout) {
    // Printer class SOFT_RESET: bmRequestType 0x21 (class, interface, OUT), bRequest 2,
    // wIndex = interface number. It flushes both pipes on the device side.
    usb::ControlSetup setup{0x21, 0x02, 0, static_cast<std::uint16_t>(interface_)};
    auto r = transport_->control(setup, {}, std::min(timeout, Millis(2000)));
    if (!r && r.error().code == ErrorCode::Disconnected) return r.error();
    // Then drop whatever half-response still sits in the IN pipe.
    std::array<std::uint8_t, 4096> sink;
    const auto deadline = Clock::now() + timeout;
    for (int i = 0; i < 4096 && Clock::now() < deadline; ++i) {
        auto n = transport_->bulkRead(sink, Millis(50));
        if (!n) {
            if (n.error().code == ErrorCode::Disconnected) return n.error();
            break;  // Timeout: the pipe is empty
        }
        if (*n == 0) break;
    }
    return {};
}

}  // namespace guichet::escl
