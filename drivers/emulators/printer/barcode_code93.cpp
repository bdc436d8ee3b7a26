// Code 93 (AIM USS-93): 47 symbol characters of 9 modules (3 bars, 3 spaces), full ASCII
// through four shift characters, two modulo-47 check characters C and K, framed by the
// start/stop character and a final termination bar. The printer computes C and K.
#include <string>

#include "drivers/emulators/printer/barcode.hpp"

namespace guichet::emu {
namespace {

// Values 0-42: "0-9A-Z-. $/+%", 43-46: the shifts ($) (%) (/) (+), 47: start/stop.
constexpr const char* kDirect = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";
constexpr unsigned kPatterns[48] = {
    0x114, 0x148, 0x144, 0x142, 0x128, 0x124, 0x122, 0x150, 0x112, 0x10A,  // 0-9
    0x1A8, 0x1A4, 0x1A2, 0x194, 0x192, 0x18A, 0x168, 0x164, 0x162, 0x134,  // A-J
    0x11A, 0x158, 0x14C, 0x146, 0x12C, 0x116, 0x1B4, 0x1B2, 0x1AC, 0x1A6,  // K-T
    0x196, 0x19A, 0x16C, 0x166, 0x136, 0x13A,                              // U-Z
    0x12E, 0x1D4, 0x1D2, 0x1CA, 0x16E, 0x176, 0x1AE,                       // - . space $ / + %
    0x126, 0x1DA, 0x1D6, 0x132,                                            // ($) (%) (/) (+)
    0x15E,                                                                 // start/stop
};
constexpr int kShiftDollar = 43, kShiftPercent = 44, kShiftSlash = 45, kShiftPlus = 46, kStartStop = 47;

int letter(char c) { return 10 + (c - 'A'); }

// The symbol values for one ASCII character (full ASCII table of the specification).
bool valuesFor(unsigned char c, std::vector<int>& out) {
    if (c > 127) return false;
    for (int i = 0; kDirect[i]; ++i)
        if (kDirect[i] == c) {
            out.push_back(i);
            return true;
        }
    if (c == 0) out.insert(out.end(), {kShiftPercent, letter('U')});
    else if (c <= 26) out.insert(out.end(), {kShiftDollar, letter(static_cast<char>('A' + c - 1))});
    else if (c <= 31) out.insert(out.end(), {kShiftPercent, letter(static_cast<char>('A' + c - 27))});
    else if (c >= '!' && c <= ',') out.insert(out.end(), {kShiftSlash, letter(static_cast<char>('A' + c - '!'))});
    else if (c == '/') out.insert(out.end(), {kShiftSlash, letter('O')});
    else if (c == ':') out.insert(out.end(), {kShiftSlash, letter('Z')});
    else if (c >= ';' && c <= '?') out.insert(out.end(), {kShiftPercent, letter(static_cast<char>('F' + c - ';'))});
    else if (c == '@') out.insert(out.end(), {kShiftPercent, letter('V')});
    else if (c >= '[' && c <= '_') out.insert(out.end(), {kShiftPercent, letter(static_cast<char>('K' + c - '['))});
    else if (c == '`') out.insert(out.end(), {kShiftPercent, letter('W')});
    else if (c >= 'a' && c <= 'z') out.insert(out.end(), {kShiftPlus, letter(static_cast<char>('A' + c - 'a'))});
    else out.insert(out.end(), {kShiftPercent, letter(static_cast<char>('P' + c - '{'))});  // { | } ~ DEL
    return true;
}

int checkValue(const std::vector<int>& v, int maxWeight) {
    int sum = 0;
    for (std::size_t i = 0; i < v.size(); ++i) sum += v[v.size() - 1 - i] * (static_cast<int>(i % maxWeight) + 1);
    return sum % 47;
}

}  // namespace

BarcodeOutcome encodeCode93(std::span<const std::uint8_t> data) {
    std::vector<int> values;
    std::string hri;
    for (std::uint8_t b : data) {
        if (!valuesFor(b, values)) return barcodeError("byte above 127 not in Code 93");
        hri += b >= 0x20 && b < 0x7F ? static_cast<char>(b) : ' ';
    }
    values.push_back(checkValue(values, 20));  // C
    values.push_back(checkValue(values, 15));  // K (over the data and C)
    BarPattern p;
    appendModules(p.widths, kPatterns[kStartStop], 9);
    for (int v : values) appendModules(p.widths, kPatterns[v], 9);
    appendModules(p.widths, kPatterns[kStartStop], 9);
    p.widths.push_back(1);  // termination bar
    p.hri = hri;
    return BarcodeOutcome{p, {}};
}

}  // namespace guichet::emu
