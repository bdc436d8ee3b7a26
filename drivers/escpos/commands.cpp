#include "drivers/escpos/commands.hpp"

#include <algorithm>

namespace guichet::escpos::cmd {
namespace {

std::uint8_t clampByte(int v, int lo, int hi) { return static_cast<std::uint8_t>(std::clamp(v, lo, hi)); }

}  // namespace

void init(Bytes& out) { out.insert(out.end(), {0x1B, 0x40}); }
void codePage(Bytes& out, std::uint8_t n) { out.insert(out.end(), {0x1B, 0x74, n}); }
void bold(Bytes& out, bool on) { out.insert(out.end(), {0x1B, 0x45, static_cast<std::uint8_t>(on ? 1 : 0)}); }
void underline(Bytes& out, int dots) { out.insert(out.end(), {0x1B, 0x2D, clampByte(dots, 0, 2)}); }

void size(Bytes& out, int width, int height) {
    const int w = std::clamp(width, 1, 8) - 1, h = std::clamp(height, 1, 8) - 1;
    out.insert(out.end(), {0x1D, 0x21, static_cast<std::uint8_t>(w << 4 | h)});
}

void justify(Bytes& out, Justify j) { out.insert(out.end(), {0x1B, 0x61, static_cast<std::uint8_t>(j)}); }
void feedLines(Bytes& out, int n) { out.insert(out.end(), {0x1B, 0x64, clampByte(n, 0, 255)}); }
void cutFull(Bytes& out, int n) { out.insert(out.end(), {0x1D, 0x56, 0x41, clampByte(n, 0, 255)}); }
void cutPartial(Bytes& out, int n) { out.insert(out.end(), {0x1D, 0x56, 0x42, clampByte(n, 0, 255)}); }

void rasterImage(Bytes& out, int bytesPerRow, int rows, std::span<const std::uint8_t> bits) {
    out.insert(out.end(), {0x1D, 0x76, 0x30, 0x00, static_cast<std::uint8_t>(bytesPerRow & 0xFF),
                           static_cast<std::uint8_t>(bytesPerRow >> 8), static_cast<std::uint8_t>(rows & 0xFF),
                           static_cast<std::uint8_t>(rows >> 8)});
    out.insert(out.end(), bits.begin(), bits.end());
}

void qrModel2(Bytes& out) { out.insert(out.end(), {0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00}); }
void qrModuleSize(Bytes& out, int n) { out.insert(out.end(), {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, clampByte(n, 1, 16)}); }
void qrErrorLevel(Bytes& out, QrLevel l) {
    out.insert(out.end(), {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, static_cast<std::uint8_t>(l)});
}

void qrStore(Bytes& out, std::string_view data) {
    const std::size_t n = std::min<std::size_t>(data.size(), 7089) + 3;  // 7089: QR's numeric maximum
    out.insert(out.end(), {0x1D, 0x28, 0x6B, static_cast<std::uint8_t>(n & 0xFF), static_cast<std::uint8_t>(n >> 8), 0x31,
                           0x50, 0x30});
    out.insert(out.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n - 3));
}

void qrPrint(Bytes& out) { out.insert(out.end(), {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}); }

void statusQuery(Bytes& out, StatusQuery n) { out.insert(out.end(), {0x10, 0x04, static_cast<std::uint8_t>(n)}); }
void autoStatusBack(Bytes& out, std::uint8_t mask) { out.insert(out.end(), {0x1D, 0x61, mask}); }

}  // namespace guichet::escpos::cmd
