// Short command/response APDUs (ISO 7816-4 §5), status-word meanings, and the channel
// any exchange level (T=0, T=1, short-APDU reader) offers to the APDU commands.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::ccid {

struct CommandApdu {
    std::uint8_t cla = 0, ins = 0, p1 = 0, p2 = 0;
    Bytes data;                      // Lc = data.size(), at most 255
    std::optional<int> le;           // 1..256; 256 is encoded 00

    // ISO case 1 (header only), 2 (Le), 3 (data), 4 (data + Le).
    int isoCase() const { return data.empty() ? (le ? 2 : 1) : (le ? 4 : 3); }
    Result<Bytes> encode() const;
    static Result<CommandApdu> parse(std::span<const std::uint8_t> bytes);
};

struct ResponseApdu {
    Bytes data;
    std::uint16_t sw = 0;
    std::uint8_t sw1() const { return static_cast<std::uint8_t>(sw >> 8); }
    std::uint8_t sw2() const { return static_cast<std::uint8_t>(sw); }
    bool ok() const { return sw == 0x9000; }
};

Result<ResponseApdu> parseResponseApdu(std::span<const std::uint8_t> bytes);
// "9000 success", "6A82 file or application not found", ...
std::string describeStatusWord(std::uint16_t sw);
// The Error for a refused command (NotFound for 6A82, PermissionDenied for 6982, ...).
Error statusWordError(const char* command, std::uint16_t sw);

// Sends APDUs to a powered card, whatever the protocol underneath.
class ApduChannel {
public:
    virtual ~ApduChannel() = default;
    virtual Result<ResponseApdu> transmit(const CommandApdu& command) = 0;
};

namespace apdu {
CommandApdu selectByAid(std::span<const std::uint8_t> aid);     // 00 A4 04 00 Lc AID 00
CommandApdu selectFile(std::uint16_t fileId);                   // 00 A4 02 0C 02 FID (no FCI)
CommandApdu readBinary(std::uint16_t offset, int length);       // 00 B0 P1 P2 Le
CommandApdu getResponse(std::uint8_t length);                   // 00 C0 00 00 Le
CommandApdu getUid();                                           // FF CA 00 00 00 (reader pseudo-APDU)

// Convenience calls that fail with statusWordError unless the card says 9000.
Result<ResponseApdu> select(ApduChannel& channel, std::span<const std::uint8_t> aid);
// Reads `length` bytes from `offset`, in as many READ BINARY as needed (max 256 each).
Result<Bytes> readBinary(ApduChannel& channel, std::uint16_t offset, int length);
Result<Bytes> readUid(ApduChannel& channel);
}  // namespace apdu

}  // namespace guichet::ccid
