// Codabar (NW-7): 0-9 - $ : / . + between a start and a stop character A-D; each character
// 4 bars and 3 spaces, a narrow space between characters. The host sends start and stop
// (upper or lower case); the printer refuses data without them.
#include <cctype>
#include <cstring>

#include "drivers/emulators/printer/barcode.hpp"

namespace guichet::emu {
namespace {

constexpr const char* kAlphabet = "0123456789-$:/.+ABCD";
// Seven elements (bar first), MSB first, 1 = wide.
constexpr unsigned kPatterns[20] = {0x003, 0x006, 0x009, 0x060, 0x012, 0x042, 0x021, 0x024, 0x030, 0x048,
                                    0x00C, 0x018, 0x045, 0x051, 0x054, 0x015, 0x01A, 0x029, 0x00B, 0x00E};

}  // namespace

BarcodeOutcome encodeCodabar(std::span<const std::uint8_t> data) {
    std::string d;
    for (std::uint8_t b : data) d += static_cast<char>(std::toupper(b));
    auto isStartStop = [](char c) { return c >= 'A' && c <= 'D'; };
    if (d.size() < 2 || !isStartStop(d.front()) || !isStartStop(d.back())) return barcodeError("start and stop characters A-D expected");
    BarPattern p;
    p.twoWidth = true;
    for (std::size_t i = 0; i < d.size(); ++i) {
        const char* at = d[i] ? std::strchr(kAlphabet, d[i]) : nullptr;
        if (!at || (i > 0 && i + 1 < d.size() && isStartStop(d[i]))) return barcodeError(std::string("character not in Codabar: '") + d[i] + "'");
        if (i) p.widths.push_back(1);
        const unsigned pat = kPatterns[at - kAlphabet];
        for (int e = 6; e >= 0; --e) p.widths.push_back((pat >> e) & 1 ? 2 : 1);
    }
    p.hri = d;
    return BarcodeOutcome{p, {}};
}

}  // namespace guichet::emu
