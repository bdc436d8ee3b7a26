// What a failed CCID command means for the slot (card absent or mute, hardware error,
// protocol not supported...), and the Error each one becomes for the layers above.
#pragma once

#include "drivers/ccid/ccid_message.hpp"
#include "drivers/common/result.hpp"

namespace guichet::ccid {

enum class SlotFault {
    CardAbsent,            // ErrorCode::NotFound
    CardMute,              // ErrorCode::Timeout: present but did not answer (or a T=1 block was lost)
    HardwareError,         // ErrorCode::Io
    ProtocolNotSupported,  // ErrorCode::NotSupported
    BadAtr,                // ErrorCode::Protocol
    TransmissionError,     // parity or overrun: ErrorCode::Protocol
    SlotBusy,              // ErrorCode::Busy
    Aborted,               // ErrorCode::Cancelled
    CommandNotSupported,   // ErrorCode::NotSupported
    Other,                 // ErrorCode::Protocol
};

const char* slotFaultName(SlotFault f);
// Only meaningful for a response whose commandStatus() is Failed.
SlotFault classifyFailure(const Response& r);
Error faultError(SlotFault f, std::uint8_t bError);

}  // namespace guichet::ccid
