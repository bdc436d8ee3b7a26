// The print buffer of GS ( L / GS 8 L graphics: fn 112 stores a raster (scaled by bx, by),
// fn 50 prints it and empties the buffer, ESC @ empties it too. Only colour 1 exists on a
// monochrome thermal printer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "drivers/escpos/raster.hpp"

namespace guichet::emu {

class GraphicsBuffer {
public:
    // Rows of (width + 7) / 8 bytes, MSB left; each dot becomes scaleX × scaleY dots.
    void store(int width, int height, int scaleX, int scaleY, std::span<const std::uint8_t> bits);
    // What fn 50 prints (nullopt: nothing stored); the buffer is empty afterwards.
    std::optional<escpos::BitImage> take();
    void clear() { image_.reset(); }

private:
    std::optional<escpos::BitImage> image_;
};

}  // namespace guichet::emu
