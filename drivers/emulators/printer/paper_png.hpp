// Draws emulated paper as a PNG the width of the printer (1 dot = 1 pixel): text in a clear
// monospace font at the printer's sizes, raster images and QR symbols, dashed cut marks.
#pragma once

#include <string>

#include "drivers/common/result.hpp"
#include "drivers/emulators/printer/paper.hpp"

namespace guichet::emu {

struct GrayCanvas {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // 255 = paper
};

GrayCanvas renderPaper(const Paper& paper);
Result<void> writePng(const Paper& paper, const std::string& path);

}  // namespace guichet::emu
