#include "drivers/ccid/slot_fault.hpp"

#include <cstdio>

namespace guichet::ccid {

const char* slotFaultName(SlotFault f) {
    switch (f) {
        case SlotFault::CardAbsent: return "card absent";
        case SlotFault::CardMute: return "card mute";
        case SlotFault::HardwareError: return "reader hardware error";
        case SlotFault::ProtocolNotSupported: return "protocol not supported";
        case SlotFault::BadAtr: return "bad ATR";
        case SlotFault::TransmissionError: return "transmission error (parity or overrun)";
        case SlotFault::SlotBusy: return "slot busy";
        case SlotFault::Aborted: return "aborted";
        case SlotFault::CommandNotSupported: return "command not supported by the reader";
        case SlotFault::Other: return "slot error";
    }
    return "?";
}

SlotFault classifyFailure(const Response& r) {
    namespace e = slot_error;
    // Absent wins over the error code: readers report ICC_MUTE for an empty slot too.
    if (r.iccState() == IccState::Absent) return SlotFault::CardAbsent;
    switch (r.error) {
        case e::kIccMute: return SlotFault::CardMute;
        case e::kHwError: return SlotFault::HardwareError;
        case e::kProtocolNotSupported:
        case e::kIccClassNotSupported: return SlotFault::ProtocolNotSupported;
        case e::kBadAtrTs:
        case e::kBadAtrTck: return SlotFault::BadAtr;
        case e::kXfrParityError:
        case e::kXfrOverrun: return SlotFault::TransmissionError;
        case e::kCmdSlotBusy:
        case e::kBusyWithAutoSequence: return SlotFault::SlotBusy;
        case e::kAborted: return SlotFault::Aborted;
        case e::kCmdNotSupported: return SlotFault::CommandNotSupported;
        default: return SlotFault::Other;
    }
}

Error faultError(SlotFault f, std::uint8_t bError) {
    char buf[120];
    std::snprintf(buf, sizeof buf, "CCID: %s (bError 0x%02X)", slotFaultName(f), bError);
    ErrorCode code = ErrorCode::Protocol;
    switch (f) {
        case SlotFault::CardAbsent: code = ErrorCode::NotFound; break;
        case SlotFault::CardMute: code = ErrorCode::Timeout; break;
        case SlotFault::HardwareError: code = ErrorCode::Io; break;
        case SlotFault::ProtocolNotSupported:
        case SlotFault::CommandNotSupported: code = ErrorCode::NotSupported; break;
        case SlotFault::SlotBusy: code = ErrorCode::Busy; break;
        case SlotFault::Aborted: code = ErrorCode::Cancelled; break;
        default: code = ErrorCode::Protocol; break;
    }
    return Error{code, buf};
}

}  // namespace guichet::ccid
