#include "drivers/escpos/raster.hpp"

#include <stb/stb_image.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "drivers/escpos/commands.hpp"

namespace guichet::escpos {

Result<GrayImage> decodeImage(std::span<const std::uint8_t> file) {
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load_from_memory(file.data(), static_cast<int>(file.size()), &w, &h, &n, 2);
    if (!px) return makeError(ErrorCode::Corrupt, std::string("image cannot be decoded: ") + stbi_failure_reason());
    if (w <= 0 || h <= 0 || w > 10000 || h > 10000) {
        stbi_image_free(px);
        return makeError(ErrorCode::InvalidArgument, "image size out of range");
    }
    GrayImage g;
    g.width = w;
    g.height = h;
    g.pixels.resize(static_cast<std::size_t>(w) * h);
    for (std::size_t i = 0; i < g.pixels.size(); ++i) {
        const int lum = px[2 * i], alpha = px[2 * i + 1];
        g.pixels[i] = static_cast<std::uint8_t>((lum * alpha + 255 * (255 - alpha)) / 255);  // over white paper
    }
    stbi_image_free(px);
    return g;
}

Result<GrayImage> loadImage(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return makeError(ErrorCode::NotFound, path + ": cannot open image");
    Bytes data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    auto r = decodeImage(data);
    if (!r) return makeError(r.error().code, path + ": " + r.error().message);
    return r;
}

GrayImage fitToPaper(const GrayImage& src, int maxWidth, int paperWidth) {
    GrayImage scaled = src;
    if (src.width > maxWidth && src.width > 0) {
        // Area filter: each destination dot averages the source pixels it covers.
        const int dw = maxWidth;
        const int dh = std::max(1, static_cast<int>(static_cast<long long>(src.height) * dw / src.width));
        scaled.width = dw;
        scaled.height = dh;
        scaled.pixels.assign(static_cast<std::size_t>(dw) * dh, 255);
        for (int y = 0; y < dh; ++y) {
            const int y0 = y * src.height / dh, y1 = std::max(y0 + 1, (y + 1) * src.height / dh);
            for (int x = 0; x < dw; ++x) {
                const int x0 = x * src.width / dw, x1 = std::max(x0 + 1, (x + 1) * src.width / dw);
                unsigned sum = 0, count = 0;
                for (int sy = y0; sy < y1; ++sy)
                    for (int sx = x0; sx < x1; ++sx, ++count) sum += src.pixels[static_cast<std::size_t>(sy) * src.width + sx];
                scaled.pixels[static_cast<std::size_t>(y) * dw + x] = static_cast<std::uint8_t>(sum / count);
            }
        }
    }
    if (scaled.width >= paperWidth) return scaled;
    GrayImage padded;
    padded.width = paperWidth;
    padded.height = scaled.height;
    padded.pixels.assign(static_cast<std::size_t>(paperWidth) * scaled.height, 255);
    const int left = (paperWidth - scaled.width) / 2;
    for (int y = 0; y < scaled.height; ++y)
        std::copy_n(scaled.pixels.begin() + static_cast<std::ptrdiff_t>(y) * scaled.width, scaled.width,
                    padded.pixels.begin() + static_cast<std::ptrdiff_t>(y) * paperWidth + left);
    return padded;
}

namespace {

BitImage blank(int w, int h) {
    BitImage b;
    b.width = w;
    b.height = h;
    b.bytesPerRow = (w + 7) / 8;
    b.bits.assign(static_cast<std::size_t>(b.bytesPerRow) * h, 0);
    return b;
}

}  // namespace

BitImage ditherFloydSteinberg(const GrayImage& img) {
    BitImage out = blank(img.width, img.height);
    const int w = img.width;
    // Error in 1/16ths: `cur` holds what the previous row pushed down onto this one, `next`
    // collects this row's push-down; the rightward share travels in a register. One guard
    // cell on each side, so no bounds checks in the loop.
    std::vector<int> cur(static_cast<std::size_t>(w) + 2, 0), next(cur.size(), 0);
    for (int y = 0; y < img.height; ++y) {
        const std::uint8_t* row = img.pixels.data() + static_cast<std::size_t>(y) * w;
        std::uint8_t* bits = out.bits.data() + static_cast<std::size_t>(y) * out.bytesPerRow;
        int* below = next.data();
        const int* above = cur.data() + 1;
        below[0] = below[1] = 0;
        int carry = 0;
        std::uint8_t acc = 0;
        for (int x = 0; x < w; ++x) {
            const int v = row[x] + ((above[x] + carry) >> 4);
            const bool black = v < 128;
            const int err = black ? v : v - 255;
            acc = static_cast<std::uint8_t>(acc << 1 | (black ? 1 : 0));
            if ((x & 7) == 7) bits[x >> 3] = acc;
            carry = err * 7;
            below[x] += err * 3;
            below[x + 1] += err * 5;
            below[x + 2] = err;  // first touch of that cell for this row
        }
        if (w & 7) bits[w >> 3] = static_cast<std::uint8_t>(acc << (8 - (w & 7)));
        std::swap(cur, next);
    }
    return out;
}

BitImage threshold(const GrayImage& img, std::uint8_t level) {
    BitImage out = blank(img.width, img.height);
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (img.pixels[static_cast<std::size_t>(y) * img.width + x] < level)
                out.bits[static_cast<std::size_t>(y) * out.bytesPerRow + x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    return out;
}

void appendRaster(Bytes& out, const BitImage& img, int bandRows) {
    bandRows = std::clamp(bandRows, 1, 1024);
    for (int y = 0; y < img.height; y += bandRows) {
        const int rows = std::min(bandRows, img.height - y);
        const auto* start = img.bits.data() + static_cast<std::size_t>(y) * img.bytesPerRow;
        cmd::rasterImage(out, img.bytesPerRow, rows, std::span<const std::uint8_t>(start, static_cast<std::size_t>(rows) * img.bytesPerRow));
    }
}

}  // namespace guichet::escpos
