#include "drivers/emulators/printer/paper_png.hpp"

#include <stb/stb_image_write.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace guichet::emu {
namespace {

// A monospace TrueType face, loaded once. Missing font → glyph boxes, never a failure.
struct Face {
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
    bool ok = false;
    explicit Face(const char* const* candidates) {
        for (const char* const* c = candidates; *c; ++c) {
            std::ifstream f(*c, std::ios::binary);
            if (!f) continue;
            data.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
            if (stbtt_InitFont(&info, data.data(), stbtt_GetFontOffsetForIndex(data.data(), 0))) {
                ok = true;
                return;
            }
        }
    }
};

const Face& face(bool bold) {
    static const char* const kRegular[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                                           "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf", nullptr};
    static const char* const kBold[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
                                        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", nullptr};
    static const Face regular(kRegular), boldFace(kBold);
    return bold ? boldFace : regular;
}

void drawGlyph(GrayCanvas& c, const Face& f, char32_t ch, int x, int y, int cellW, int cellH) {
    if (ch == ' ') return;
    if (!f.ok) {  // a box stands for the character
        for (int i = 2; i < cellW - 2; ++i) {
            const int top = y + 4, bottom = y + cellH - 4;
            if (x + i < c.width && bottom < c.height) c.pixels[top * c.width + x + i] = c.pixels[bottom * c.width + x + i] = 0;
        }
        return;
    }
    // Font A is 12 × 24 dots: scale the face so that its advance fills the cell width.
    int advance = 0, lsb = 0;
    stbtt_GetCodepointHMetrics(&f.info, static_cast<int>(ch), &advance, &lsb);
    if (advance <= 0) stbtt_GetCodepointHMetrics(&f.info, 'M', &advance, &lsb);
    const float sx = static_cast<float>(cellW) / static_cast<float>(std::max(1, advance));
    const float sy = stbtt_ScaleForPixelHeight(&f.info, static_cast<float>(cellH) * 1.05f);
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&f.info, &ascent, &descent, &gap);
    const int baseline = y + static_cast<int>(static_cast<float>(ascent) * sy);
    int x0, y0, x1, y1;
    stbtt_GetCodepointBitmapBox(&f.info, static_cast<int>(ch), sx, sy, &x0, &y0, &x1, &y1);
    const int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0) return;
    std::vector<unsigned char> glyph(static_cast<std::size_t>(w) * h);
    stbtt_MakeCodepointBitmap(&f.info, glyph.data(), w, h, w, sx, sy, static_cast<int>(ch));
    for (int gy = 0; gy < h; ++gy) {
        const int py = baseline + y0 + gy;
        if (py < 0 || py >= c.height) continue;
        for (int gx = 0; gx < w; ++gx) {
            const int px = x + x0 + gx;
            if (px < 0 || px >= c.width) continue;
            auto& dst = c.pixels[static_cast<std::size_t>(py) * c.width + px];
            dst = static_cast<std::uint8_t>(std::min<int>(dst, 255 - glyph[static_cast<std::size_t>(gy) * w + gx]));
        }
    }
}

}  // namespace

GrayCanvas renderPaper(const Paper& paper) {
    GrayCanvas c;
    c.width = std::max(8, paper.widthDots);
    c.height = std::clamp(paper.height + 24, 24, 60000);
    c.pixels.assign(static_cast<std::size_t>(c.width) * c.height, 255);
    const int charW = 12, charH = 24;

    for (const auto& img : paper.images) {
        for (int y = 0; y < img.image.height && img.y + y < c.height; ++y)
            for (int x = 0; x < img.image.width && x < img.image.bytesPerRow * 8; ++x)
                if (img.image.dot(x, y) && img.x + x < c.width) c.pixels[static_cast<std::size_t>(img.y + y) * c.width + img.x + x] = 0;
    }
    for (const auto& line : paper.lines) {
        for (const auto& run : line.runs) {
            int x = line.x + run.x;
            const int w = (run.fontB ? 9 : charW) * run.scaleW, h = (run.fontB ? 17 : charH) * run.scaleH;
            const int top = line.y + line.height - h;  // mixed sizes share a baseline
            for (char32_t ch : run.text) {
                drawGlyph(c, face(run.bold), ch, x, top, w, h);
                if (run.underline) {
                    for (int u = 0; u < run.underline; ++u) {
                        const int uy = top + h - 1 - u;
                        for (int i = 0; i < w && x + i < c.width; ++i)
                            if (uy >= 0 && uy < c.height) c.pixels[static_cast<std::size_t>(uy) * c.width + x + i] = 0;
                    }
                }
                x += w;
            }
        }
    }
    for (const auto& cut : paper.cuts) {
        const int y = std::min(cut.y + 8, c.height - 1);
        for (int x = 0; x < c.width; ++x) {
            const bool gapInMiddle = cut.partial && x > c.width / 2 - 20 && x < c.width / 2 + 20;
            if ((x / 8) % 2 == 0 && !gapInMiddle) c.pixels[static_cast<std::size_t>(y) * c.width + x] = 96;
        }
    }
    return c;
}

Result<void> writePng(const Paper& paper, const std::string& path) {
    GrayCanvas c = renderPaper(paper);
    if (!stbi_write_png(path.c_str(), c.width, c.height, 1, c.pixels.data(), c.width))
        return makeError(ErrorCode::Io, path + ": cannot write PNG");
    return {};
}

}  // namespace guichet::emu
