// CCID bulk and interrupt messages (CCID 1.1 §6): pure encoders for host→reader commands
// and a decoder for reader→host answers. No I/O here; CcidReader does the transfers.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::ccid {

constexpr std::size_t kHeaderSize = 10;

namespace msg {
constexpr std::uint8_t kIccPowerOn = 0x62, kIccPowerOff = 0x63, kGetSlotStatus = 0x65, kXfrBlock = 0x6F,
                       kGetParameters = 0x6C, kResetParameters = 0x6D, kSetParameters = 0x61, kEscape = 0x6B,
                       kAbort = 0x72;
constexpr std::uint8_t kDataBlock = 0x80, kSlotStatus = 0x81, kParameters = 0x82, kEscapeResponse = 0x83;
constexpr std::uint8_t kNotifySlotChange = 0x50, kHardwareError = 0x51;
}  // namespace msg

// bPowerSelect of IccPowerOn.
enum class Voltage : std::uint8_t { Automatic = 0, V5 = 1, V3 = 2, V1_8 = 3 };
const char* voltageName(Voltage v);

// bmICCStatus (bits 0-1 of bStatus).
enum class IccState : std::uint8_t { PresentActive = 0, PresentInactive = 1, Absent = 2 };
// bmCommandStatus (bits 6-7 of bStatus).
enum class CommandStatus : std::uint8_t { Ok = 0, Failed = 1, TimeExtension = 2 };

namespace slot_error {
constexpr std::uint8_t kAborted = 0xFF, kIccMute = 0xFE, kXfrParityError = 0xFD, kXfrOverrun = 0xFC,
                       kHwError = 0xFB, kBadAtrTs = 0xF8, kBadAtrTck = 0xF7, kProtocolNotSupported = 0xF6,
                       kIccClassNotSupported = 0xF5, kProcedureByteConflict = 0xF4, kDeactivatedProtocol = 0xF3,
                       kBusyWithAutoSequence = 0xF2, kPinTimeout = 0xF0, kPinCancelled = 0xEF,
                       kCmdSlotBusy = 0xE0, kCmdNotSupported = 0x00;
}

Bytes encodeIccPowerOn(std::uint8_t slot, std::uint8_t seq, Voltage voltage);
Bytes encodeIccPowerOff(std::uint8_t slot, std::uint8_t seq);
Bytes encodeGetSlotStatus(std::uint8_t slot, std::uint8_t seq);
// bBWI multiplies the block waiting time (T=1 WTX); wLevelParameter is 0 for TPDU/short APDU.
Bytes encodeXfrBlock(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> data, std::uint8_t bwi = 0,
                     std::uint16_t levelParameter = 0);
Bytes encodeGetParameters(std::uint8_t slot, std::uint8_t seq);
Bytes encodeResetParameters(std::uint8_t slot, std::uint8_t seq);
// protocol 0: 5 bytes of abProtocolDataStructure; protocol 1: 7 bytes.
Bytes encodeSetParameters(std::uint8_t slot, std::uint8_t seq, std::uint8_t protocol,
                          std::span<const std::uint8_t> parameters);
Bytes encodeEscape(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> data);
Bytes encodeAbort(std::uint8_t slot, std::uint8_t seq);

// A reader→host bulk message (DataBlock, SlotStatus, Parameters, EscapeResponse).
struct Response {
    std::uint8_t type = 0;
    std::uint8_t slot = 0;
    std::uint8_t seq = 0;
    std::uint8_t status = 0;
    std::uint8_t error = 0;
    std::uint8_t specific = 0;  // bChainParameter, bClockStatus or bProtocolNum
    Bytes data;

    IccState iccState() const { return static_cast<IccState>(status & 0x03); }
    CommandStatus commandStatus() const { return static_cast<CommandStatus>((status >> 6) & 0x03); }
};

// Also the encoder the emulated reader uses for its answers.
Bytes encodeResponse(const Response& r);
// Checks the header: known type, dwLength equal to the bytes that follow.
Result<Response> decodeResponse(std::span<const std::uint8_t> bytes);

// Interrupt IN messages.
struct SlotChange {
    std::uint8_t slot = 0;
    bool present = false;
    bool changed = false;
};
struct InterruptMessage {
    std::uint8_t type = 0;
    std::vector<SlotChange> slots;        // NotifySlotChange: every slot the bitmap covers
    std::uint8_t hwSlot = 0, hwSeq = 0, hwCode = 0;  // HardwareError
};
Bytes encodeNotifySlotChange(std::span<const SlotChange> slots);
Result<InterruptMessage> decodeInterrupt(std::span<const std::uint8_t> bytes);

}  // namespace guichet::ccid
