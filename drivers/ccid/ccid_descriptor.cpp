#include "drivers/ccid/ccid_descriptor.hpp"

#include <algorithm>
#include <string>

namespace guichet::ccid {

namespace {

std::uint32_t le32(std::span<const std::uint8_t> b, std::size_t at) {
    return b[at] | b[at + 1] << 8 | b[at + 2] << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}
std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t at) {
    return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}
void put32(Bytes& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put16(Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}

constexpr std::uint8_t kInterfaceType = 0x04, kEndpointType = 0x05, kCcidType = 0x21;

}  // namespace

const char* exchangeLevelName(ExchangeLevel level) {
    switch (level) {
        case ExchangeLevel::Character: return "character";
        case ExchangeLevel::Tpdu: return "TPDU";
        case ExchangeLevel::ShortApdu: return "short APDU";
        case ExchangeLevel::ExtendedApdu: return "extended APDU";
    }
    return "?";
}

ExchangeLevel CcidClassDescriptor::exchangeLevel() const {
    const std::uint32_t level = features & feature::kLevelMask;
    if (level & feature::kLevelExtendedApdu) return ExchangeLevel::ExtendedApdu;
    if (level & feature::kLevelShortApdu) return ExchangeLevel::ShortApdu;
    if (level & feature::kLevelTpdu) return ExchangeLevel::Tpdu;
    return ExchangeLevel::Character;
}

Result<CcidClassDescriptor> parseCcidClassDescriptor(std::span<const std::uint8_t> b) {
    if (b.size() < 2 || b[1] != kCcidType)
        return makeError(ErrorCode::Protocol, "CCID class descriptor: type is not 0x21");
    if (b[0] != CcidClassDescriptor::kLength || b.size() < CcidClassDescriptor::kLength)
        return makeError(ErrorCode::Protocol, "CCID class descriptor: " + std::to_string(b[0]) +
                                                  " bytes announced, " + std::to_string(b.size()) +
                                                  " present; 54 required");
    CcidClassDescriptor d;
    d.bcdCcid = le16(b, 2);
    d.maxSlotIndex = b[4];
    d.voltageSupport = b[5];
    d.protocols = le32(b, 6);
    d.defaultClockKhz = le32(b, 10);
    d.maximumClockKhz = le32(b, 14);
    d.numClocksSupported = b[18];
    d.dataRate = le32(b, 19);
    d.maxDataRate = le32(b, 23);
    d.numDataRatesSupported = b[27];
    d.maxIfsd = le32(b, 28);
    d.synchProtocols = le32(b, 32);
    d.mechanical = le32(b, 36);
    d.features = le32(b, 40);
    d.maxMessageLength = le32(b, 44);
    d.classGetResponse = b[48];
    d.classEnvelope = b[49];
    d.lcdLayout = le16(b, 50);
    d.pinSupport = b[52];
    d.maxBusySlots = b[53];
    // A message must at least hold a header and a short APDU answer; below that the
    // descriptor is lying and every transfer would be cut.
    if (d.maxMessageLength < 10 + 5)
        return makeError(ErrorCode::Protocol, "CCID class descriptor: dwMaxCCIDMessageLength " +
                                                  std::to_string(d.maxMessageLength) + " is too small");
    // Above what the standard allows (0xFFFFFFFF would mean a 4 GiB read buffer): no extended
    // APDU needs more, so the reader is used with the standard's maximum.
    d.maxMessageLength = std::min(d.maxMessageLength, CcidClassDescriptor::kMaxMessageLengthAllowed);
    return d;
}

Bytes encodeCcidClassDescriptor(const CcidClassDescriptor& d) {
    Bytes b{static_cast<std::uint8_t>(CcidClassDescriptor::kLength), kCcidType};
    put16(b, d.bcdCcid);
    b.push_back(d.maxSlotIndex);
    b.push_back(d.voltageSupport);
    put32(b, d.protocols);
    put32(b, d.defaultClockKhz);
    put32(b, d.maximumClockKhz);
    b.push_back(d.numClocksSupported);
    put32(b, d.dataRate);
    put32(b, d.maxDataRate);
    b.push_back(d.numDataRatesSupported);
    put32(b, d.maxIfsd);
    put32(b, d.synchProtocols);
    put32(b, d.mechanical);
    put32(b, d.features);
    put32(b, d.maxMessageLength);
    b.push_back(d.classGetResponse);
    b.push_back(d.classEnvelope);
    put16(b, d.lcdLayout);
    b.push_back(d.pinSupport);
    b.push_back(d.maxBusySlots);
    return b;
}

Result<CcidInterface> findCcidInterface(std::span<const std::uint8_t> cfg) {
    if (cfg.size() < 9 || cfg[1] != 0x02)
        return makeError(ErrorCode::Protocol, "configuration descriptor: missing or not type 0x02");
    std::optional<CcidInterface> found;
    bool inCandidate = false, haveClass = false;
    bool sawEndpoint = false;
    std::size_t pos = 0;
    while (pos + 2 <= cfg.size()) {
        const std::uint8_t len = cfg[pos], type = cfg[pos + 1];
        if (len < 2 || pos + len > cfg.size())
            return makeError(ErrorCode::Protocol, "configuration descriptor: bad length " + std::to_string(len) +
                                                      " at byte " + std::to_string(pos));
        auto d = cfg.subspan(pos, len);
        if (type == kInterfaceType && len >= 9) {
            if (found && haveClass) break;  // the CCID interface is complete
            const bool ccidClass = d[5] == 0x0B || d[5] == 0xFF;
            inCandidate = ccidClass;
            sawEndpoint = false;
            found.reset();
            if (ccidClass) {
                found.emplace();
                found->interfaceNumber = d[2];
            }
        } else if (inCandidate && type == kCcidType) {
            auto parsed = parseCcidClassDescriptor(d);
            if (!parsed) return parsed.error();
            found->descriptor = *parsed;
            found->descriptorAfterEndpoints = sawEndpoint;
            haveClass = true;
        } else if (inCandidate && type == kEndpointType && len >= 7) {
            sawEndpoint = true;
            const std::uint8_t addr = d[2], attrs = d[3] & 0x03;
            if (attrs == 0x02) {
                if (addr & 0x80) found->bulkIn = addr;
                else found->bulkOut = addr;
                found->bulkMaxPacket = le16(d, 4);
            } else if (attrs == 0x03 && (addr & 0x80)) {
                found->interruptIn = addr;
            }
        }
        pos += len;
    }
    if (!found || !haveClass)
        return makeError(ErrorCode::NotFound, "no CCID interface (class 0x0B with a 0x21 class descriptor)");
    if (!found->bulkIn || !found->bulkOut)
        return makeError(ErrorCode::Protocol, "CCID interface " + std::to_string(found->interfaceNumber) +
                                                  " lacks a bulk IN or bulk OUT endpoint");
    return *found;
}

}  // namespace guichet::ccid
