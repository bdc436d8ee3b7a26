// The CCID class descriptor (type 0x21) and the USB interface that carries it: what a
// reader can do (slots, voltages, protocols, automatic features, exchange level, sizes).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::ccid {

enum class ExchangeLevel { Character, Tpdu, ShortApdu, ExtendedApdu };
const char* exchangeLevelName(ExchangeLevel level);

// dwFeatures bits (CCID 1.1 §5.1).
namespace feature {
constexpr std::uint32_t kAutoParametersFromAtr = 0x02;
constexpr std::uint32_t kAutoVoltage = 0x08;
constexpr std::uint32_t kAutoClock = 0x10;
constexpr std::uint32_t kAutoBaudRate = 0x20;
constexpr std::uint32_t kAutoParameterNegotiation = 0x40;
constexpr std::uint32_t kAutoPps = 0x80;
constexpr std::uint32_t kAutoIfsd = 0x400;
constexpr std::uint32_t kLevelMask = 0x70000;
constexpr std::uint32_t kLevelTpdu = 0x10000;
constexpr std::uint32_t kLevelShortApdu = 0x20000;
constexpr std::uint32_t kLevelExtendedApdu = 0x40000;
}  // namespace feature

namespace voltage {
constexpr std::uint8_t k5V = 0x01, k3V = 0x02, k1V8 = 0x04;
}

struct CcidClassDescriptor {
    static constexpr std::size_t kLength = 54;

    std::uint16_t bcdCcid = 0x0110;
    std::uint8_t maxSlotIndex = 0;
    std::uint8_t voltageSupport = 0x07;
    std::uint32_t protocols = 0x03;          // bit 0 T=0, bit 1 T=1
    std::uint32_t defaultClockKhz = 4000;
    std::uint32_t maximumClockKhz = 4000;
    std::uint8_t numClocksSupported = 0;
    std::uint32_t dataRate = 10752;
    std::uint32_t maxDataRate = 250000;
    std::uint8_t numDataRatesSupported = 0;
    std::uint32_t maxIfsd = 254;
    std::uint32_t synchProtocols = 0;
    std::uint32_t mechanical = 0;
    std::uint32_t features = 0;
    // CCID 1.1 §5.1: "between (261 + 10) and (65544 + 10)". A larger value from a device is
    // clamped to kMaxMessageLengthAllowed by the parser: the read buffer is sized from it.
    static constexpr std::uint32_t kMaxMessageLengthAllowed = 65544 + 10;
    std::uint32_t maxMessageLength = 271;
    std::uint8_t classGetResponse = 0;
    std::uint8_t classEnvelope = 0;
    std::uint16_t lcdLayout = 0;
    std::uint8_t pinSupport = 0;
    std::uint8_t maxBusySlots = 1;

    bool has(std::uint32_t featureBit) const { return (features & featureBit) != 0; }
    bool supportsProtocol(int t) const { return t >= 0 && t < 32 && (protocols >> t) & 1; }
    // TPDU when the level bits are empty too: a character-level reader is not usable here.
    ExchangeLevel exchangeLevel() const;
    // SetParameters is skipped when the reader negotiates by itself.
    bool negotiatesParametersItself() const { return has(feature::kAutoParameterNegotiation); }
};

// Decodes a 54-byte class descriptor (the bytes starting at its bLength).
Result<CcidClassDescriptor> parseCcidClassDescriptor(std::span<const std::uint8_t> bytes);
// The 54 bytes of a descriptor (emulators present themselves with it).
Bytes encodeCcidClassDescriptor(const CcidClassDescriptor& d);

// The CCID interface found in a configuration descriptor.
struct CcidInterface {
    std::uint8_t interfaceNumber = 0;
    std::uint8_t bulkIn = 0, bulkOut = 0;
    std::optional<std::uint8_t> interruptIn;
    std::uint16_t bulkMaxPacket = 64;
    CcidClassDescriptor descriptor;
    bool descriptorAfterEndpoints = false;   // some readers put it after the last endpoint
};

// Walks a whole configuration descriptor (as returned by GET_DESCRIPTOR(CONFIGURATION)):
// the first interface of class 0x0B (or vendor class 0xFF with a 54-byte 0x21 descriptor).
Result<CcidInterface> findCcidInterface(std::span<const std::uint8_t> configuration);

}  // namespace guichet::ccid
