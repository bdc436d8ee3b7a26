#include "drivers/emulators/printer/graphics_buffer.hpp"

#include <utility>

namespace guichet::emu {

void GraphicsBuffer::store(int width, int height, int scaleX, int scaleY, std::span<const std::uint8_t> bits) {
    const int srcRow = (width + 7) / 8;
    escpos::BitImage img;
    img.width = width * scaleX;
    img.height = height * scaleY;
    img.bytesPerRow = (img.width + 7) / 8;
    img.bits.assign(static_cast<std::size_t>(img.bytesPerRow) * img.height, 0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            if (!(bits[static_cast<std::size_t>(y) * srcRow + x / 8] & (0x80 >> (x % 8)))) continue;
            for (int dy = 0; dy < scaleY; ++dy)
                for (int dx = 0; dx < scaleX; ++dx) {
                    const int tx = x * scaleX + dx, ty = y * scaleY + dy;
                    img.bits[static_cast<std::size_t>(ty) * img.bytesPerRow + tx / 8] |= static_cast<std::uint8_t>(0x80 >> (tx % 8));
                }
        }
    // A second store before printing replaces the first (one graphic in the buffer at a time).
    image_ = std::move(img);
}

std::optional<escpos::BitImage> GraphicsBuffer::take() {
    auto out = std::move(image_);
    image_.reset();
    return out;
}

}  // namespace guichet::emu
