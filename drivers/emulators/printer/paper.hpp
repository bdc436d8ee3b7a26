// What came out of the emulated printer: text lines (decoded to Unicode, with position and
// style), raster images and cut marks, in dots from the top of the receipt. Tests read it;
// paper_png.hpp draws it.
#pragma once

#include <string>
#include <vector>

#include "drivers/escpos/raster.hpp"

namespace guichet::emu {

struct TextRun {
    std::u32string text;
    bool bold = false;
    int underline = 0;
    int scaleW = 1, scaleH = 1;
    int x = 0;  // left of the run from the line's left (ESC $ / ESC \ move it), in dots
    bool fontB = false;  // 9 × 17 dots instead of font A's 12 × 24 (barcode HRI after GS f 1)
};

struct PaperLine {
    int y = 0;       // top, in dots
    int x = 0;       // left of the first character, in dots (after justification)
    int height = 0;  // in dots
    int justify = 0; // 0 left, 1 centre, 2 right
    std::vector<TextRun> runs;
    // The whole line's text; a gap left by ESC $ / ESC \ reads as spaces (one per 12 dots).
    std::string utf8() const;
    bool bold() const;         // any run in bold
    int scale() const;         // the largest width scale
};

struct PaperImage {
    int y = 0, x = 0;
    escpos::BitImage image;
    bool isQr = false;
    std::string qrData;  // what a QR symbol carried (tests check it)
    // A GS k barcode: its symbology ("EAN13"), human-readable text, and the widths in dots
    // of its bars and spaces (bar first), which a test can decode independently.
    std::string symbology, barcodeText;
    std::vector<int> barWidths;
    bool isBarcode() const { return !symbology.empty(); }
};

struct CutMark {
    int y = 0;
    bool partial = true;
};

struct Paper {
    int widthDots = 576;
    int height = 0;  // dots used so far
    std::vector<PaperLine> lines;
    std::vector<PaperImage> images;
    std::vector<CutMark> cuts;

    std::vector<std::string> textLines() const;  // every text line, top to bottom
    bool empty() const { return lines.empty() && images.empty(); }
};

}  // namespace guichet::emu
