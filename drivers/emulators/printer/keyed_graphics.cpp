#include "drivers/emulators/printer/keyed_graphics.hpp"

namespace guichet::emu {

void KeyedGraphics::define(const std::string& key, int width, int height, std::span<const std::uint8_t> bits) {
    escpos::BitImage img;
    img.width = width;
    img.height = height;
    img.bytesPerRow = (width + 7) / 8;
    img.bits.assign(bits.begin(), bits.end());
    images_[key] = std::move(img);  // redefining a key replaces it, as on the printer
}

std::optional<escpos::BitImage> KeyedGraphics::get(const std::string& key, int scaleX, int scaleY) const {
    auto it = images_.find(key);
    if (it == images_.end()) return std::nullopt;
    const auto& src = it->second;
    escpos::BitImage img;
    img.width = src.width * scaleX;
    img.height = src.height * scaleY;
    img.bytesPerRow = (img.width + 7) / 8;
    img.bits.assign(static_cast<std::size_t>(img.bytesPerRow) * img.height, 0);
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (src.dot(x / scaleX, y / scaleY))
                img.bits[static_cast<std::size_t>(y) * img.bytesPerRow + x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    return img;
}

}  // namespace guichet::emu
