#include "drivers/payment/usb_cdc_link.hpp"

#include <array>
#include <chrono>

#include "drivers/common/log.hpp"
#include "drivers/payment/serial_frame.hpp"

namespace guichet::payment {
namespace {

using Clock = std::chrono::steady_clock;
// A bulk read that times out is cancelled by libusb; on CDC-ACM the TPE's bytes stay in
// its FIFO until a read completes, so short slices lose nothing and let us see a cancel.
constexpr Millis kSlice{200};

Millis left(Clock::time_point deadline) {
    auto l = std::chrono::duration_cast<Millis>(deadline - Clock::now());
    return l.count() < 0 ? Millis(0) : l;
}

}  // namespace

Result<void> UsbCdcLink::open(Millis timeout) {
    close();
    auto t = opener_();
    if (!t) return t.error();
    transport_ = std::move(t.value());
    // SET_CONTROL_LINE_STATE (DTR | RTS): many CDC-ACM devices only talk once DTR is up.
    // Some TPEs do not implement it: a STALL is not an error.
    usb::ControlSetup setup{0x21, 0x22, 0x0003, static_cast<std::uint16_t>(commInterface_)};
    if (auto r = transport_->control(setup, {}, std::min(timeout, Millis(1000))); !r) {
        if (r.error().code == ErrorCode::Disconnected) return r.error();
        log::debug("payment", describe() + ": SET_CONTROL_LINE_STATE refused: " + r.error().message);
    }
    return {};
}

void UsbCdcLink::close() {
    if (transport_) transport_->close();
    transport_.reset();
    pending_.clear();
}

Result<void> UsbCdcLink::writeBytes(const Bytes& b, Millis timeout) {
    if (!transport_) return makeError(ErrorCode::Disconnected, describe() + ": not open");
    auto r = transport_->bulkWrite(b, timeout);
    if (!r) return r.error();
    if (*r != b.size()) return makeError(ErrorCode::Io, describe() + ": short write");
    return {};
}

Result<std::uint8_t> UsbCdcLink::readByte(Millis timeout, const std::atomic<bool>* cancel) {
    if (!transport_) return makeError(ErrorCode::Disconnected, describe() + ": not open");
    const auto deadline = Clock::now() + timeout;
    std::array<std::uint8_t, 512> buf{};
    while (pending_.empty()) {
        if (cancel && cancel->load()) return makeError(ErrorCode::Cancelled, describe() + ": cancelled");
        const Millis l = left(deadline);
        if (l.count() == 0) return makeError(ErrorCode::Timeout, describe() + ": no answer in time");
        auto r = transport_->bulkRead(buf, std::min(l, kSlice));
        if (!r) {
            if (r.error().code == ErrorCode::Timeout) continue;
            return r.error();
        }
        pending_.insert(pending_.end(), buf.begin(), buf.begin() + static_cast<long>(*r));
    }
    const std::uint8_t b = pending_.front();
    pending_.pop_front();
    return b;
}

Result<void> UsbCdcLink::send(std::string_view message, Millis timeout) {
    auto framed = serial::frame(message);
    if (!framed) return framed.error();
    const Millis linkWait = std::min(timeout, kLinkTimeout);
    // Take the line: ENQ until ACK (3 tries, EOT between them).
    bool line = false;
    for (int i = 0; i < serial::kMaxTries && !line; ++i) {
        if (auto r = writeBytes({serial::ENQ}, linkWait); !r) return r;
        auto b = readByte(linkWait, nullptr);
        if (!b && b.error().code != ErrorCode::Timeout) return b.error();
        if (b && *b == serial::ACK) line = true;
        else if (auto r = writeBytes({serial::EOT}, linkWait); !r) return r;
    }
    if (!line) return makeError(ErrorCode::Timeout, describe() + ": the TPE did not acknowledge ENQ");
    for (int i = 0; i < serial::kMaxTries; ++i) {
        if (auto r = writeBytes(*framed, linkWait); !r) return r;
        auto b = readByte(linkWait, nullptr);
        if (!b && b.error().code != ErrorCode::Timeout) return b.error();
        if (b && *b == serial::ACK) return writeBytes({serial::EOT}, linkWait);
        // NAK or silence: send the frame again.
    }
    (void)writeBytes({serial::EOT}, linkWait);
    return makeError(ErrorCode::Protocol, describe() + ": the TPE refused the frame 3 times (NAK)");
}

Result<std::string> UsbCdcLink::receive(Millis timeout, const std::atomic<bool>& cancel) {
    const auto deadline = Clock::now() + timeout;
    // The TPE takes the line with ENQ when the transaction is over.
    for (;;) {
        auto b = readByte(left(deadline), &cancel);
        if (!b) return b.error();
        if (*b == serial::ENQ) break;
    }
    if (auto r = writeBytes({serial::ACK}, kLinkTimeout); !r) return r.error();
    serial::FrameReader reader;
    int bad = 0;
    for (;;) {
        auto b = readByte(kLinkTimeout, nullptr);
        if (!b) {
            if (b.error().code == ErrorCode::Timeout)
                return makeError(ErrorCode::Disconnected, describe() + ": the answer stopped in the middle of a frame");
            return b.error();
        }
        const auto state = reader.feed(*b);
        if (state == serial::FrameReader::State::Incomplete) continue;
        if (state == serial::FrameReader::State::Bad) {
            if (++bad >= serial::kMaxTries)
                return makeError(ErrorCode::Protocol, describe() + ": 3 bad frames (" + reader.reason() + ")");
            if (auto r = writeBytes({serial::NAK}, kLinkTimeout); !r) return r.error();
            continue;
        }
        std::string message = reader.message();
        if (auto r = writeBytes({serial::ACK}, kLinkTimeout); !r) return r.error();
        // The TPE gives the line back with EOT; its absence does not change the answer.
        auto eot = readByte(kLinkTimeout, nullptr);
        if (!eot || *eot != serial::EOT) log::debug("payment", describe() + ": no EOT after the answer");
        return message;
    }
}

}  // namespace guichet::payment
