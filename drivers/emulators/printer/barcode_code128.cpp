// Code 128 (ISO/IEC 15417) as Epson's GS k 73 takes it: the data starts with a code set
// ("{A", "{B" or "{C"); "{A" "{B" "{C" later switch sets, "{S" shifts one character between A
// and B, "{1".."{4" are FNC1-FNC4 and "{{" is a literal '{'. In set C each byte is one value
// 0-99 (not two ASCII digits). The printer adds the modulo-103 check character and stop.
#include <string>

#include "drivers/emulators/printer/barcode.hpp"

namespace guichet::emu {
namespace {

// Bar/space widths of the 107 symbol characters (values 0-102, starts A/B/C 103-105, stop).
constexpr const char* kPatterns[107] = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};
constexpr int kShift = 98, kCodeC = 99, kStartA = 103, kStop = 106;

// The value of an ASCII byte in set A or B; -1 when the set lacks it.
int valueIn(char set, std::uint8_t b) {
    if (set == 'A') return b < 0x20 ? b + 64 : b < 0x60 ? b - 32 : -1;
    return b >= 0x20 && b < 0x80 ? b - 32 : -1;
}

}  // namespace

const char* code128Pattern(int value) { return value >= 0 && value < 107 ? kPatterns[value] : nullptr; }

BarcodeOutcome encodeCode128(std::span<const std::uint8_t> data) {
    if (data.size() < 2 || data[0] != '{' || (data[1] != 'A' && data[1] != 'B' && data[1] != 'C'))
        return barcodeError("data must start with a code set: {A, {B or {C");
    char set = static_cast<char>(data[1]);
    std::vector<int> values{kStartA + (set - 'A')};
    std::string hri;
    for (std::size_t i = 2; i < data.size(); ++i) {
        const std::uint8_t b = data[i];
        if (b == '{') {
            if (i + 1 >= data.size()) return barcodeError("'{' at the end of the data");
            const std::uint8_t f = data[++i];
            switch (f) {
                case 'A': case 'B': case 'C':
                    if (f != set) values.push_back(f == 'C' ? kCodeC : f == 'B' ? 100 : 101);
                    set = static_cast<char>(f);
                    continue;
                case 'S': {  // shift: the next character in the other of A/B
                    if (set == 'C' || i + 1 >= data.size()) return barcodeError("{S outside sets A/B or at the end");
                    const int v = valueIn(set == 'A' ? 'B' : 'A', data[++i]);
                    if (v < 0) return barcodeError("shifted character not in the other code set");
                    values.insert(values.end(), {kShift, v});
                    if (data[i] >= 0x20 && data[i] < 0x7F) hri += static_cast<char>(data[i]);
                    continue;
                }
                case '1': values.push_back(102); continue;
                case '2': if (set == 'C') return barcodeError("FNC2 in code set C"); values.push_back(97); continue;
                case '3': if (set == 'C') return barcodeError("FNC3 in code set C"); values.push_back(96); continue;
                case '4': if (set == 'C') return barcodeError("FNC4 in code set C"); values.push_back(set == 'A' ? 101 : 100); continue;
                case '{': break;  // a literal '{' (set B only)
                default: return barcodeError("unknown '{' function");
            }
        }
        if (set == 'C') {
            if (b > 99) return barcodeError("code set C takes values 0-99");
            values.push_back(b);
            hri += static_cast<char>('0' + b / 10);
            hri += static_cast<char>('0' + b % 10);
            continue;
        }
        const int v = valueIn(set, b);
        if (v < 0) return barcodeError(std::string("character not in code set ") + set);
        values.push_back(v);
        if (b >= 0x20 && b < 0x7F) hri += static_cast<char>(b);
    }
    int sum = values[0];
    for (std::size_t i = 1; i < values.size(); ++i) sum += static_cast<int>(i) * values[i];
    values.push_back(sum % 103);
    values.push_back(kStop);
    BarPattern p;
    for (int v : values) appendWidths(p.widths, kPatterns[v]);
    p.hri = hri;
    return BarcodeOutcome{p, {}};
}

}  // namespace guichet::emu
