// T=1 blocks (ISO 7816-3 §11.3): NAD PCB LEN INF EDC, with I-, R- and S-blocks and an LRC
// or CRC epilogue. Pure encode/decode, shared by the host protocol and the emulated card.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::ccid::t1 {

enum class Edc { Lrc, Crc };
enum class Kind { I, R, S };
enum class SType : std::uint8_t { Resynch = 0, Ifs = 1, Abort = 2, Wtx = 3 };

namespace r_error {
constexpr int kNone = 0, kEdc = 1, kOther = 2;
}

struct Block {
    std::uint8_t nad = 0;
    std::uint8_t pcb = 0;
    Bytes inf;

    Kind kind() const { return !(pcb & 0x80) ? Kind::I : (pcb & 0x40) ? Kind::S : Kind::R; }
    int ns() const { return (pcb >> 6) & 1; }         // I-block send sequence
    bool more() const { return pcb & 0x20; }          // I-block chaining
    int nr() const { return (pcb >> 4) & 1; }         // R-block expected sequence
    int rError() const { return pcb & 0x03; }
    SType sType() const { return static_cast<SType>(pcb & 0x1F); }
    bool sResponse() const { return pcb & 0x20; }

    static Block i(int ns, bool more, Bytes inf, std::uint8_t nad = 0);
    static Block r(int nr, int error = r_error::kNone, std::uint8_t nad = 0);
    static Block s(SType type, bool response, Bytes inf = {}, std::uint8_t nad = 0);
    std::string describe() const;  // "I(0,M) 12 bytes", "R(1) EDC error", "S(WTX request) 01"
};

std::uint8_t lrc(std::span<const std::uint8_t> bytes);
std::uint16_t crc16(std::span<const std::uint8_t> bytes);

Bytes encode(const Block& block, Edc edc = Edc::Lrc);
// Protocol: bad length or structure; Corrupt: the EDC does not match.
Result<Block> decode(std::span<const std::uint8_t> bytes, Edc edc = Edc::Lrc);

}  // namespace guichet::ccid::t1
