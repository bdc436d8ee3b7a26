// Interleaved 2 of 5 (ISO/IEC 16390): digits in pairs, the first of a pair in the bars, the
// second in the spaces; 2 of the 5 elements of a digit are wide. Start: narrow bar, space,
// bar, space; stop: wide bar, narrow space, narrow bar. Epson printers drop the last digit of
// an odd count (the symbol needs pairs).
#include "drivers/emulators/printer/barcode.hpp"

namespace guichet::emu {
namespace {

constexpr const char* kDigits[10] = {"nnwwn", "wnnnw", "nwnnw", "wwnnn", "nnwnw",
                                     "wnwnn", "nwwnn", "nnnww", "wnnwn", "nwnwn"};

}  // namespace

BarcodeOutcome encodeItf(std::span<const std::uint8_t> data) {
    std::string d(data.begin(), data.end());
    for (char c : d)
        if (c < '0' || c > '9') return barcodeError("only digits allowed");
    if (d.size() % 2) d.pop_back();
    if (d.empty()) return barcodeError("at least two digits expected");
    BarPattern p;
    p.twoWidth = true;
    p.widths = {1, 1, 1, 1};
    for (std::size_t i = 0; i < d.size(); i += 2)
        for (int e = 0; e < 5; ++e) {
            p.widths.push_back(kDigits[d[i] - '0'][e] == 'w' ? 2 : 1);
            p.widths.push_back(kDigits[d[i + 1] - '0'][e] == 'w' ? 2 : 1);
        }
    p.widths.insert(p.widths.end(), {2, 1, 1});
    p.hri = d;
    return BarcodeOutcome{p, {}};
}

}  // namespace guichet::emu
