#include "drivers/emulators/printer/barcode.hpp"

namespace guichet::emu {

const char* symbologyName(Symbology s) {
    switch (s) {
        case Symbology::UpcA: return "UPC-A";
        case Symbology::UpcE: return "UPC-E";
        case Symbology::Ean13: return "EAN13";
        case Symbology::Ean8: return "EAN8";
        case Symbology::Code39: return "CODE39";
        case Symbology::Itf: return "ITF";
        case Symbology::Codabar: return "CODABAR";
        case Symbology::Code93: return "CODE93";
        case Symbology::Code128: return "CODE128";
    }
    return "?";
}

std::optional<Symbology> symbologyForGsK(int m) {
    static constexpr Symbology kOrder[] = {Symbology::UpcA,   Symbology::UpcE, Symbology::Ean13,   Symbology::Ean8,  Symbology::Code39,
                                           Symbology::Itf,    Symbology::Codabar, Symbology::Code93, Symbology::Code128};
    if (m >= 0 && m <= 6) return kOrder[m];
    if (m >= 65 && m <= 73) return kOrder[m - 65];
    return std::nullopt;
}

BarcodeOutcome encodeBarcode(Symbology s, std::span<const std::uint8_t> data) {
    if (data.empty()) return barcodeError("no data");
    switch (s) {
        case Symbology::UpcA: case Symbology::UpcE: case Symbology::Ean13: case Symbology::Ean8: return encodeEanUpc(s, data);
        case Symbology::Code39: return encodeCode39(data);
        case Symbology::Itf: return encodeItf(data);
        case Symbology::Codabar: return encodeCodabar(data);
        case Symbology::Code93: return encodeCode93(data);
        case Symbology::Code128: return encodeCode128(data);
    }
    return barcodeError("unknown symbology");
}

void appendWidths(std::vector<std::uint8_t>& out, const char* widths) {
    for (const char* w = widths; *w; ++w) out.push_back(static_cast<std::uint8_t>(*w - '0'));
}

void appendModules(std::vector<std::uint8_t>& out, unsigned bits, int n) {
    // Run-length of equal modules; a run continuing the previous element (bar after bar)
    // cannot happen because each pattern starts with a bar and the previous ended on a space.
    bool bar = true;
    int run = 0;
    for (int i = n - 1; i >= 0; --i) {
        const bool b = (bits >> i) & 1;
        if (b == bar) {
            ++run;
        } else {
            out.push_back(static_cast<std::uint8_t>(run));
            bar = b;
            run = 1;
        }
    }
    out.push_back(static_cast<std::uint8_t>(run));
}

}  // namespace guichet::emu
