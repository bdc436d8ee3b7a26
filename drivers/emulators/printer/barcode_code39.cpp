// Code 39 (ISO/IEC 16388): 43 characters, each 5 bars and 4 spaces of which 3 are wide,
// framed by '*'; a narrow space between characters. The printer adds the '*' frame when the
// host does not send it.
#include <cstring>

#include "drivers/emulators/printer/barcode.hpp"

namespace guichet::emu {
namespace {

constexpr const char* kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%*";
// Nine elements (bar first), MSB first, 1 = wide.
constexpr unsigned kPatterns[44] = {
    0x034, 0x121, 0x061, 0x160, 0x031, 0x130, 0x070, 0x025, 0x124, 0x064,  // 0-9
    0x109, 0x049, 0x148, 0x019, 0x118, 0x058, 0x00D, 0x10C, 0x04C, 0x01C,  // A-J
    0x103, 0x043, 0x142, 0x013, 0x112, 0x052, 0x007, 0x106, 0x046, 0x016,  // K-T
    0x181, 0x0C1, 0x1C0, 0x091, 0x190, 0x0D0,                              // U-Z
    0x085, 0x184, 0x0C4, 0x0A8, 0x0A2, 0x08A, 0x02A,                       // - . space $ / + %
    0x094,                                                                 // *
};

void appendChar(std::vector<std::uint8_t>& out, int index) {
    if (!out.empty()) out.push_back(1);  // inter-character gap
    for (int i = 8; i >= 0; --i) out.push_back((kPatterns[index] >> i) & 1 ? 2 : 1);
}

}  // namespace

BarcodeOutcome encodeCode39(std::span<const std::uint8_t> data) {
    std::string d(data.begin(), data.end());
    const bool framed = d.size() >= 2 && d.front() == '*' && d.back() == '*';
    if (framed) d = d.substr(1, d.size() - 2);
    BarPattern p;
    p.twoWidth = true;
    appendChar(p.widths, 43);
    for (char c : d) {
        const char* at = c ? std::strchr(kAlphabet, c) : nullptr;
        if (!at || c == '*') return barcodeError(std::string("character not in Code 39: '") + c + "'");
        appendChar(p.widths, static_cast<int>(at - kAlphabet));
    }
    appendChar(p.widths, 43);
    p.hri = "*" + d + "*";
    return BarcodeOutcome{p, {}};
}

}  // namespace guichet::emu
