#include <catch2/catch.hpp>

#include "drivers/escpos/command_scanner.hpp"
#include "drivers/escpos/raster.hpp"

using namespace guichet;
using namespace guichet::escpos;

namespace {
GrayImage flat(int w, int h, std::uint8_t v) { return GrayImage{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h, v)}; }
int blackDots(const BitImage& b) {
    int n = 0;
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x) n += b.dot(x, y);
    return n;
}
}  // namespace

TEST_CASE("escpos.dither keeps black, white and the grey level", "[escpos]") {
    CHECK(blackDots(ditherFloydSteinberg(flat(64, 32, 0))) == 64 * 32);
    CHECK(blackDots(ditherFloydSteinberg(flat(64, 32, 255))) == 0);
    const int half = blackDots(ditherFloydSteinberg(flat(100, 100, 128)));
    CHECK(half > 4700);
    CHECK(half < 5300);
    const int quarter = blackDots(ditherFloydSteinberg(flat(100, 100, 191)));
    CHECK(quarter > 2200);
    CHECK(quarter < 2800);
}

TEST_CASE("escpos.bit rows are packed MSB first and padded", "[escpos]") {
    GrayImage g = flat(10, 1, 255);
    g.pixels[0] = 0;
    g.pixels[9] = 0;
    BitImage b = threshold(g);
    CHECK(b.bytesPerRow == 2);
    CHECK(b.bits == Bytes{0x80, 0x40});
}

TEST_CASE("escpos.raster split into bands", "[escpos]") {
    BitImage b = threshold(flat(16, 2500, 0));
    Bytes out;
    appendRaster(out, b, 1024);
    // 1024 + 1024 + 452 rows, each band with its own header.
    CHECK(out.size() == 3 * 8 + 2 * 2500);
    CHECK(Bytes(out.begin(), out.begin() + 8) == Bytes{0x1D, 0x76, 0x30, 0x00, 2, 0, 0x00, 0x04});
    const std::size_t third = 2 * (8 + 2 * 1024);
    CHECK(Bytes(out.begin() + third, out.begin() + third + 8) == Bytes{0x1D, 0x76, 0x30, 0x00, 2, 0, 0xC4, 0x01});
}

TEST_CASE("escpos.fit scales down and centres", "[escpos]") {
    GrayImage wide = flat(1152, 100, 0);
    GrayImage f = fitToPaper(wide, 576, 576);
    CHECK(f.width == 576);
    CHECK(f.height == 50);
    GrayImage small = flat(100, 10, 0);
    GrayImage c = fitToPaper(small, 576, 576);
    CHECK(c.width == 576);
    CHECK(c.pixels[237] == 255);  // (576 - 100) / 2 = 238 dots of margin
    CHECK(c.pixels[238] == 0);
    CHECK(c.pixels[337] == 0);
    CHECK(c.pixels[338] == 255);
}

TEST_CASE("escpos.corrupt images are refused cleanly", "[escpos]") {
    Bytes junk{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};
    auto r = decodeImage(junk);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Corrupt);
    CHECK_FALSE(loadImage("/nonexistent.png").ok());
}



TEST_CASE("escpos.resync padding finishes the command a cut-off job left open", "[escpos]") {
    // ESC @ | "ab" | GS v 0 (2 bytes × 3 rows) | ESC d 3
    const Bytes job{0x1B, 0x40, 'a', 'b', 0x1D, 0x76, 0x30, 0x00, 2, 0, 3, 0, 1, 2, 3, 4, 5, 6, 0x1B, 0x64, 3};
    CHECK(resyncPadding(job, 0, 0) == 0);    // nothing sent
    CHECK(resyncPadding(job, 1, 1) == 1);    // after ESC: one byte owed
    CHECK(resyncPadding(job, 2, 4) == 0);    // between commands
    CHECK(resyncPadding(job, 5, 5) == 13);   // inside the raster header: the rest of it and all rows
    CHECK(resyncPadding(job, 12, 12) == 6);  // header done, rows owed
    CHECK(resyncPadding(job, 4, 18) == 13);  // anywhere in a chunk: the worst case
    CHECK(resyncPadding(job, 19, 19) == 2);
    CHECK(resyncPadding(job, 21, 21) == 0);  // all sent
    CHECK(commandLength(job.data() + 4, 10) == 0);  // truncated raster: not complete
}
