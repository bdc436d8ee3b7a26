// Images for thermal paper: decode (PNG/JPEG via stb), scale to the paper width, dither to
// 1 bit (Floyd–Steinberg) and pack rows MSB-first, as GS v 0 wants them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::escpos {

struct GrayImage {  // 8-bit luminance, 0 = black, 255 = white
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
};

struct BitImage {  // 1 bit per dot, 1 = black, rows padded to whole bytes
    int width = 0, height = 0, bytesPerRow = 0;
    Bytes bits;
    bool dot(int x, int y) const { return bits[static_cast<std::size_t>(y * bytesPerRow + x / 8)] & (0x80 >> (x % 8)); }
};

// Transparent pixels count as white paper.
Result<GrayImage> decodeImage(std::span<const std::uint8_t> fileBytes);
Result<GrayImage> loadImage(const std::string& path);

// Fits the image into `maxWidth` dots (down-scaling with an area filter, never up-scaling
// beyond `maxWidth`), then pads it to `paperWidth` centred.
GrayImage fitToPaper(const GrayImage& image, int maxWidth, int paperWidth);

BitImage ditherFloydSteinberg(const GrayImage& image);
BitImage threshold(const GrayImage& image, std::uint8_t level = 128);

// GS v 0 commands, in bands of at most `bandRows` rows (printers buffer ≤ 1024 rows).
void appendRaster(Bytes& out, const BitImage& image, int bandRows = 1024);

}  // namespace guichet::escpos
