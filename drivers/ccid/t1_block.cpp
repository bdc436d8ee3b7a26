#include "drivers/ccid/t1_block.hpp"

#include <cstdio>

namespace guichet::ccid::t1 {

Block Block::i(int ns, bool more, Bytes inf, std::uint8_t nad) {
    return {nad, static_cast<std::uint8_t>((ns & 1) << 6 | (more ? 0x20 : 0)), std::move(inf)};
}
Block Block::r(int nr, int error, std::uint8_t nad) {
    return {nad, static_cast<std::uint8_t>(0x80 | (nr & 1) << 4 | (error & 3)), {}};
}
Block Block::s(SType type, bool response, Bytes inf, std::uint8_t nad) {
    return {nad, static_cast<std::uint8_t>(0xC0 | (response ? 0x20 : 0) | static_cast<std::uint8_t>(type)),
            std::move(inf)};
}

std::string Block::describe() const {
    char buf[80];
    switch (kind()) {
        case Kind::I:
            std::snprintf(buf, sizeof buf, "I(%d%s) %zu bytes", ns(), more() ? ",M" : "", inf.size());
            break;
        case Kind::R: {
            static const char* err[4] = {"", " EDC error", " other error", " error 3"};
            std::snprintf(buf, sizeof buf, "R(%d)%s", nr(), err[rError()]);
            break;
        }
        case Kind::S: {
            static const char* names[4] = {"RESYNCH", "IFS", "ABORT", "WTX"};
            const int t = pcb & 0x1F;
            std::snprintf(buf, sizeof buf, "S(%s %s)%s", t < 4 ? names[t] : "?", sResponse() ? "response" : "request",
                          inf.empty() ? "" : (" " + toHex(inf)).c_str());
            break;
        }
    }
    return buf;
}

std::uint8_t lrc(std::span<const std::uint8_t> bytes) {
    std::uint8_t x = 0;
    for (auto b : bytes) x ^= b;
    return x;
}

// CRC of ISO/IEC 13239 as used by T=1: polynomial 0x1021, initial value 0xFFFF.
std::uint16_t crc16(std::span<const std::uint8_t> bytes) {
    std::uint16_t crc = 0xFFFF;
    for (auto b : bytes) {
        crc ^= static_cast<std::uint16_t>(b << 8);
        for (int i = 0; i < 8; ++i) crc = static_cast<std::uint16_t>(crc & 0x8000 ? crc << 1 ^ 0x1021 : crc << 1);
    }
    return crc;
}

Bytes encode(const Block& block, Edc edc) {
    Bytes b;
    b.reserve(block.inf.size() + 5);
    b.push_back(block.nad);
    b.push_back(block.pcb);
    b.push_back(static_cast<std::uint8_t>(block.inf.size()));
    b.insert(b.end(), block.inf.begin(), block.inf.end());
    if (edc == Edc::Lrc) {
        b.push_back(lrc(b));
    } else {
        const std::uint16_t c = crc16(b);
        b.push_back(static_cast<std::uint8_t>(c >> 8));
        b.push_back(static_cast<std::uint8_t>(c));
    }
    return b;
}

Result<Block> decode(std::span<const std::uint8_t> b, Edc edc) {
    const std::size_t edcSize = edc == Edc::Lrc ? 1 : 2;
    if (b.size() < 3 + edcSize)
        return makeError(ErrorCode::Protocol, "T=1: block of " + std::to_string(b.size()) + " bytes is too short");
    const std::size_t len = b[2];
    if (len == 0xFF) return makeError(ErrorCode::Protocol, "T=1: LEN = FF is reserved");
    if (b.size() != 3 + len + edcSize)
        return makeError(ErrorCode::Protocol, "T=1: LEN says " + std::to_string(len) + " bytes, block has " +
                                                  std::to_string(b.size() - 3 - edcSize));
    const auto body = b.first(3 + len);
    const bool good = edc == Edc::Lrc ? lrc(body) == b[3 + len]
                                      : crc16(body) == (b[3 + len] << 8 | b[4 + len]);
    if (!good) return makeError(ErrorCode::Corrupt, "T=1: bad EDC");
    Block block{b[0], b[1], Bytes(b.begin() + 3, b.begin() + 3 + static_cast<long>(len))};
    // R-blocks carry no INF and only the N(R) and error bits; S-blocks a known type.
    if (block.kind() == Kind::R && (!block.inf.empty() || (block.pcb & 0x2C)))
        return makeError(ErrorCode::Protocol, "T=1: malformed R-block");
    if (block.kind() == Kind::S && (block.pcb & 0x1F) > 3)
        return makeError(ErrorCode::Protocol, "T=1: unknown S-block type");
    return block;
}

}  // namespace guichet::ccid::t1
