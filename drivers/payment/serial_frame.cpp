#include "drivers/payment/serial_frame.hpp"

namespace guichet::payment::serial {

std::uint8_t lrc(std::string_view m) {
    std::uint8_t x = 0;
    for (unsigned char c : m) x ^= c;
    return static_cast<std::uint8_t>(x ^ ETX);
}

Result<Bytes> frame(std::string_view m) {
    Bytes out;
    out.reserve(m.size() + 3);
    out.push_back(STX);
    for (unsigned char c : m) {
        if (c < 0x20 || c > 0x7E) return makeError(ErrorCode::InvalidArgument, "a framed message must be printable ASCII");
        out.push_back(c);
    }
    out.push_back(ETX);
    out.push_back(lrc(m));
    return out;
}

void FrameReader::reset() {
    phase_ = Phase::WaitStx;
    message_.clear();
    reason_.clear();
}

FrameReader::State FrameReader::feed(std::uint8_t b) {
    switch (phase_) {
        case Phase::WaitStx:
            if (b == STX) {
                phase_ = Phase::Body;
                message_.clear();
            }
            return State::Incomplete;  // line noise before STX is skipped
        case Phase::Body:
            if (b == ETX) {
                phase_ = Phase::Lrc;
                return State::Incomplete;
            }
            if (b < 0x20 || b > 0x7E) {
                reason_ = "control or non-ASCII byte inside a frame";
                phase_ = Phase::WaitStx;
                return State::Bad;
            }
            if (message_.size() > 16 * 1024) {
                reason_ = "frame longer than 16 KiB";
                phase_ = Phase::WaitStx;
                return State::Bad;
            }
            message_ += static_cast<char>(b);
            return State::Incomplete;
        case Phase::Lrc:
            phase_ = Phase::WaitStx;
            if (b != lrc(message_)) {
                reason_ = "wrong LRC";
                return State::Bad;
            }
            return State::Good;
    }
    return State::Bad;
}

}  // namespace guichet::payment::serial
