#include "drivers/ccid/ccid_message.hpp"

#include <cstdio>
#include <string>

namespace guichet::ccid {

namespace {

Bytes header(std::uint8_t type, std::size_t length, std::uint8_t slot, std::uint8_t seq, std::uint8_t b7 = 0,
             std::uint8_t b8 = 0, std::uint8_t b9 = 0) {
    Bytes b;
    b.reserve(kHeaderSize + length);
    b.push_back(type);
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
    b.push_back(slot);
    b.push_back(seq);
    b.push_back(b7);
    b.push_back(b8);
    b.push_back(b9);
    return b;
}

Bytes withData(Bytes h, std::span<const std::uint8_t> data) {
    h.insert(h.end(), data.begin(), data.end());
    return h;
}

bool isResponseType(std::uint8_t t) {
    return t == msg::kDataBlock || t == msg::kSlotStatus || t == msg::kParameters || t == msg::kEscapeResponse;
}

}  // namespace

const char* voltageName(Voltage v) {
    switch (v) {
        case Voltage::Automatic: return "automatic";
        case Voltage::V5: return "5 V";
        case Voltage::V3: return "3 V";
        case Voltage::V1_8: return "1.8 V";
    }
    return "?";
}

Bytes encodeIccPowerOn(std::uint8_t slot, std::uint8_t seq, Voltage v) {
    return header(msg::kIccPowerOn, 0, slot, seq, static_cast<std::uint8_t>(v));
}
Bytes encodeIccPowerOff(std::uint8_t slot, std::uint8_t seq) { return header(msg::kIccPowerOff, 0, slot, seq); }
Bytes encodeGetSlotStatus(std::uint8_t slot, std::uint8_t seq) { return header(msg::kGetSlotStatus, 0, slot, seq); }

Bytes encodeXfrBlock(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> data, std::uint8_t bwi,
                     std::uint16_t level) {
    return withData(header(msg::kXfrBlock, data.size(), slot, seq, bwi, static_cast<std::uint8_t>(level),
                           static_cast<std::uint8_t>(level >> 8)),
                    data);
}

Bytes encodeGetParameters(std::uint8_t slot, std::uint8_t seq) { return header(msg::kGetParameters, 0, slot, seq); }
Bytes encodeResetParameters(std::uint8_t slot, std::uint8_t seq) {
    return header(msg::kResetParameters, 0, slot, seq);
}

Bytes encodeSetParameters(std::uint8_t slot, std::uint8_t seq, std::uint8_t protocol,
                          std::span<const std::uint8_t> parameters) {
    return withData(header(msg::kSetParameters, parameters.size(), slot, seq, protocol), parameters);
}

Bytes encodeEscape(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> data) {
    return withData(header(msg::kEscape, data.size(), slot, seq), data);
}

Bytes encodeAbort(std::uint8_t slot, std::uint8_t seq) { return header(msg::kAbort, 0, slot, seq); }

Bytes encodeResponse(const Response& r) {
    return withData(header(r.type, r.data.size(), r.slot, r.seq, r.status, r.error, r.specific), r.data);
}

Result<Response> decodeResponse(std::span<const std::uint8_t> b) {
    if (b.size() < kHeaderSize)
        return makeError(ErrorCode::Protocol,
                         "CCID: answer of " + std::to_string(b.size()) + " bytes, shorter than the 10-byte header");
    if (!isResponseType(b[0])) {
        char buf[80];
        std::snprintf(buf, sizeof buf, "CCID: unknown answer type 0x%02X", b[0]);
        return makeError(ErrorCode::Protocol, buf);
    }
    const std::uint32_t length = b[1] | b[2] << 8 | b[3] << 16 | static_cast<std::uint32_t>(b[4]) << 24;
    if (length != b.size() - kHeaderSize)
        return makeError(ErrorCode::Protocol, "CCID: dwLength says " + std::to_string(length) + " bytes, " +
                                                  std::to_string(b.size() - kHeaderSize) + " received");
    Response r;
    r.type = b[0];
    r.slot = b[5];
    r.seq = b[6];
    r.status = b[7];
    r.error = b[8];
    r.specific = b[9];
    r.data.assign(b.begin() + kHeaderSize, b.end());
    return r;
}

Bytes encodeNotifySlotChange(std::span<const SlotChange> slots) {
    Bytes b{msg::kNotifySlotChange};
    b.resize(1 + (slots.size() * 2 + 7) / 8, 0);
    for (const auto& s : slots) {
        const std::size_t bit = s.slot * 2u;
        if (s.present) b[1 + bit / 8] |= static_cast<std::uint8_t>(1 << (bit % 8));
        if (s.changed) b[1 + bit / 8] |= static_cast<std::uint8_t>(2 << (bit % 8));
    }
    return b;
}

Result<InterruptMessage> decodeInterrupt(std::span<const std::uint8_t> b) {
    if (b.empty()) return makeError(ErrorCode::Protocol, "CCID interrupt: empty message");
    InterruptMessage m;
    m.type = b[0];
    if (b[0] == msg::kNotifySlotChange) {
        if (b.size() < 2) return makeError(ErrorCode::Protocol, "CCID interrupt: NotifySlotChange without bitmap");
        for (std::size_t i = 1; i < b.size(); ++i)
            for (int k = 0; k < 4; ++k) {
                const int bits = (b[i] >> (2 * k)) & 0x03;
                m.slots.push_back({static_cast<std::uint8_t>((i - 1) * 4 + k), (bits & 1) != 0, (bits & 2) != 0});
            }
        return m;
    }
    if (b[0] == msg::kHardwareError) {
        if (b.size() < 4) return makeError(ErrorCode::Protocol, "CCID interrupt: HardwareError shorter than 4 bytes");
        m.hwSlot = b[1];
        m.hwSeq = b[2];
        m.hwCode = b[3];
        return m;
    }
    char buf[80];
    std::snprintf(buf, sizeof buf, "CCID interrupt: unknown message type 0x%02X", b[0]);
    return makeError(ErrorCode::Protocol, buf);
}

}  // namespace guichet::ccid
