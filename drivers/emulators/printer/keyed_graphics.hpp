// Graphics kept under a two-character key: NV graphics (GS ( L fn 67 define, fn 69 print,
// fn 65/66 delete) survive ESC @ and power-off on a real printer; download graphics (fn 83,
// fn 85, fn 81/82) survive ESC @ but not power-off. Logos are often stored once by a setup
// tool and printed by key from every receipt, so a key that was never defined is reported.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>

#include "drivers/escpos/raster.hpp"

namespace guichet::emu {

class KeyedGraphics {
public:
    // Rows of (width + 7) / 8 bytes, MSB left (colour 1 only).
    void define(const std::string& key, int width, int height, std::span<const std::uint8_t> bits);
    // The graphic scaled scaleX × scaleY; nullopt when the key is not defined.
    std::optional<escpos::BitImage> get(const std::string& key, int scaleX, int scaleY) const;
    void erase(const std::string& key) { images_.erase(key); }
    void clear() { images_.clear(); }

private:
    std::map<std::string, escpos::BitImage> images_;
};

}  // namespace guichet::emu
