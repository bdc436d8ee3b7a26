// One-dimensional barcodes as a TM-T20III prints them from GS k: the data a host sends is
// checked the way the printer checks it (an invalid symbol is not printed) and turned into
// bar/space widths. The encoders are written from the public symbology specifications
// (ISO/IEC 15420 EAN/UPC, 16388 Code 39, 16390 ITF, 15417 Code 128, AIM USS Code 93,
// Codabar as in EN 798); each symbology lives in its own barcode_*.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace guichet::emu {

enum class Symbology { UpcA, UpcE, Ean13, Ean8, Code39, Itf, Codabar, Code93, Code128 };

const char* symbologyName(Symbology s);
// GS k m: 0-6 (NUL-terminated data) and 65-73 (length byte) name the same symbologies,
// 72 and 73 only in the second form. nullopt: a symbology the TM-T20III does not print here
// (GS1-128, DataBar: m = 74-79).
std::optional<Symbology> symbologyForGsK(int m);

// Elements alternate bar, space, bar… starting with a bar. For module symbologies (EAN/UPC,
// Code 93, Code 128) a width is a number of modules (1-4); for two-width symbologies (Code 39,
// ITF, Codabar) it is 1 = narrow, 2 = wide, and the printer chooses the wide width.
struct BarPattern {
    std::vector<std::uint8_t> widths;
    bool twoWidth = false;
    std::string hri;  // human-readable interpretation, as printed above/below the bars
};

struct BarcodeOutcome {
    std::optional<BarPattern> pattern;
    std::string error;  // why the printer would refuse the data (empty when pattern is set)
};

BarcodeOutcome encodeBarcode(Symbology s, std::span<const std::uint8_t> data);

// Per symbology (barcode_*.cpp).
BarcodeOutcome encodeEanUpc(Symbology s, std::span<const std::uint8_t> data);
BarcodeOutcome encodeCode39(std::span<const std::uint8_t> data);
BarcodeOutcome encodeItf(std::span<const std::uint8_t> data);
BarcodeOutcome encodeCodabar(std::span<const std::uint8_t> data);
BarcodeOutcome encodeCode93(std::span<const std::uint8_t> data);
BarcodeOutcome encodeCode128(std::span<const std::uint8_t> data);

// The widths of a Code 128 symbol character (tests check the table against its rules).
const char* code128Pattern(int value);

// Helpers shared by the encoders.
inline BarcodeOutcome barcodeError(std::string why) { return BarcodeOutcome{std::nullopt, std::move(why)}; }
// Appends a pattern written as digit widths ("212222") to `out`.
void appendWidths(std::vector<std::uint8_t>& out, const char* widths);
// Appends an n-bit module pattern (MSB first, 1 = bar), as run lengths, to `out`; `out` must
// end on a space (or be empty) and the pattern start with a bar.
void appendModules(std::vector<std::uint8_t>& out, unsigned bits, int n);

}  // namespace guichet::emu
