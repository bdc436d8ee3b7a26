// The link layer of the register protocols over a serial line (RS-232 or USB CDC-ACM), as
// publicly described (docs/payment.md): ENQ/ACK to take the line, STX message ETX LRC,
// ACK or NAK (retransmit, 3 tries), EOT to give the line back. Pure framing here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::payment::serial {

inline constexpr std::uint8_t STX = 0x02, ETX = 0x03, EOT = 0x04, ENQ = 0x05, ACK = 0x06, NAK = 0x15;
inline constexpr int kMaxTries = 3;

// XOR of every byte after STX up to and including ETX.
std::uint8_t lrc(std::string_view message);
// STX message ETX LRC. The message must hold no control byte (the codec guarantees it).
Result<Bytes> frame(std::string_view message);

// Accumulates bytes of one frame: Incomplete until ETX + LRC arrived; Bad on a wrong LRC or
// a byte before STX that is not noise; Good with the message.
class FrameReader {
public:
    enum class State { Incomplete, Good, Bad };
    State feed(std::uint8_t byte);
    const std::string& message() const { return message_; }
    const std::string& reason() const { return reason_; }
    void reset();

private:
    enum class Phase { WaitStx, Body, Lrc } phase_ = Phase::WaitStx;
    std::string message_, reason_;
};

}  // namespace guichet::payment::serial
