#include "drivers/emulators/escl/test_page.hpp"

#include <algorithm>
#include <ctime>
#include <string_view>
#include <vector>

#include <turbojpeg.h>

#include "drivers/emulators/escl/bitmap_font.hpp"

namespace guichet::emu {

namespace {

struct Canvas {
    int w, h, channels;
    std::vector<std::uint8_t> px;
    int ox = 0, oy = 0;  // where the canvas sits on the sheet (a scan region's offsets)

    // Coordinates are on the sheet; what falls outside the canvas is clipped.
    void fill(int x0, int y0, int x1, int y1, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
        x0 -= ox; x1 -= ox; y0 -= oy; y1 -= oy;
        x0 = std::clamp(x0, 0, w); x1 = std::clamp(x1, 0, w);
        y0 = std::clamp(y0, 0, h); y1 = std::clamp(y1, 0, h);
        // Luma as JPEG computes it, so grey pages keep the same contrast as colour ones.
        const auto grey = static_cast<std::uint8_t>((299 * r + 587 * g + 114 * b) / 1000);
        for (int y = y0; y < y1; ++y) {
            std::uint8_t* row = px.data() + (static_cast<std::size_t>(y) * w + x0) * channels;
            for (int x = x0; x < x1; ++x, row += channels) {
                if (channels == 3) { row[0] = r; row[1] = g; row[2] = b; }
                else row[0] = grey;
            }
        }
    }

    // Draws ASCII text with the 5x7 font, each font dot `scale` pixels wide.
    void text(int x, int y, std::string_view s, int scale) {
        for (char c : s) {
            const auto& g = glyph5x7(c);
            for (int row = 0; row < 7; ++row)
                for (int col = 0; col < 5; ++col)
                    if (g[row] & (0x10 >> col))
                        fill(x + col * scale, y + row * scale, x + (col + 1) * scale, y + (row + 1) * scale, 20, 20, 30);
            x += 6 * scale;
        }
    }
};

}  // namespace

std::string todayUtc() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

Result<Bytes> renderTestPage(const TestPageSpec& spec) {
    if (spec.widthPx < 16 || spec.heightPx < 16 || spec.widthPx > 20000 || spec.heightPx > 30000 || spec.dpi <= 0)
        return makeError(ErrorCode::InvalidArgument, "test page: bad size");
    const bool colour = spec.colorMode == escl::ColorMode::RGB24;
    Canvas c{spec.widthPx, spec.heightPx, colour ? 3 : 1, {}, spec.originX, spec.originY};
    c.px.assign(static_cast<std::size_t>(c.w) * c.h * c.channels, 250);  // slightly off-white paper
    // The sheet the page is laid out on (the canvas may be a region of it).
    struct { int w, h; } sheet{spec.paperWidthPx > 0 ? spec.paperWidthPx : spec.widthPx,
                               spec.paperHeightPx > 0 ? spec.paperHeightPx : spec.heightPx};

    const int unit = std::max(1, spec.dpi * 3 / 200);  // font dots ~0.34 mm: 2.4 mm capitals, like 11 pt text
    const int margin = spec.dpi * 2 / 3;           // ~17 mm
    // Tricolour block top right: blue, white, red.
    const int flagW = spec.dpi / 2, flagH = spec.dpi * 2 / 3, fx = sheet.w - margin - 3 * flagW, fy = margin;
    c.fill(fx, fy, fx + flagW, fy + flagH, 0, 35, 149);
    c.fill(fx + flagW, fy, fx + 2 * flagW, fy + flagH, 255, 255, 255);
    c.fill(fx + 2 * flagW, fy, fx + 3 * flagW, fy + flagH, 237, 41, 57);

    int y = margin;
    c.text(margin, y, "REPUBLIQUE FRANCAISE", unit * 2);
    y += 12 * unit * 2;
    c.text(margin, y, "GUICHET - DOCUMENT DE TEST", unit * 2);
    y += 12 * unit * 2;
    c.text(margin, y, "SCANNER EMULE ESCL", unit);
    y += 12 * unit;
    c.text(margin, y, "DATE : " + spec.date, unit);
    y += 12 * unit;
    c.text(margin, y, "PAGE " + std::to_string(spec.pageNumber), unit);
    y += 30 * unit;
    // Lines of "text": grey bars of varying length, like a printed letter.
    const int lineH = 4 * unit, gap = 9 * unit;
    for (int i = 0; y + lineH < sheet.h - margin; ++i, y += lineH + gap) {
        int len = (sheet.w - 2 * margin) * (60 + (i * 37) % 40) / 100;
        if (i % 9 == 8) continue;  // a paragraph break
        c.fill(margin, y, margin + len, y + lineH, 90, 90, 100);
    }
    // A frame just inside the paper edge helps one see that nothing was cropped.
    c.fill(0, 0, sheet.w, unit, 0, 0, 0);
    c.fill(0, sheet.h - unit, sheet.w, sheet.h, 0, 0, 0);
    c.fill(0, 0, unit, sheet.h, 0, 0, 0);
    c.fill(sheet.w - unit, 0, sheet.w, sheet.h, 0, 0, 0);

    if (spec.paperGrain > 0) {
        // Deterministic xorshift noise: the same page every time, as large as a real scan.
        std::uint32_t x = 0x9E3779B9u;
        const int amp = std::min(spec.paperGrain, 60);
        for (auto& p : c.px) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            int v = p + static_cast<int>(x % (2 * amp + 1)) - amp;
            p = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
        }
    }
    if (spec.colorMode == escl::ColorMode::BlackAndWhite1)
        for (auto& p : c.px) p = p < 160 ? 0 : 255;

    tjhandle tj = tjInitCompress();
    if (!tj) return makeError(ErrorCode::Io, "test page: turbojpeg init failed");
    // The worst-case buffer up front (NOREALLOC): a buffer grown by turbojpeg leaves each
    // smaller copy of the page behind, unwiped (tests/wipe found them).
    const int subsamp = colour ? TJSAMP_420 : TJSAMP_GRAY;
    unsigned long size = tjBufSize(c.w, c.h, subsamp);
    unsigned char* out = tjAlloc(static_cast<int>(size));
    if (!out) {
        tjDestroy(tj);
        return makeError(ErrorCode::Io, "test page: out of memory");
    }
    const unsigned long capacity = size;
    int rc = tjCompress2(tj, c.px.data(), c.w, 0, c.h, colour ? TJPF_RGB : TJPF_GRAY, &out, &size, subsamp,
                         spec.jpegQuality, TJFLAG_FASTDCT | TJFLAG_NOREALLOC);
    Result<Bytes> result = makeError(ErrorCode::Io, "test page: JPEG compression failed");
    if (rc == 0) result = Bytes(out, out + size);
    // In --demo this page stands for a resident's document: no readable copy left behind.
    if (out) secureWipe(out, capacity);
    tjFree(out);
    tjDestroy(tj);
    return result;
}

}  // namespace guichet::emu
