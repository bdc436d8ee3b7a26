// GS ( L / GS 8 L graphics and ESC $ / ESC \ print positions (failed before: graphics were
// skipped and positions ignored, so logos were blank and columns ran together).
#include <catch2/catch.hpp>

#include "drivers/emulators/printer/printer_emulator.hpp"
#include "tests/printer/printer_test_support.hpp"

using namespace guichet;

namespace {

Bytes bytes(std::initializer_list<int> v) {
    Bytes b;
    for (int x : v) b.push_back(static_cast<std::uint8_t>(x));
    return b;
}
void append(Bytes& b, const std::string& s) { b.insert(b.end(), s.begin(), s.end()); }

emu::Paper render(const Bytes& b) {
    emu::PrinterEmulator e(test::printerProfile("epson-tm-t20iii"));
    REQUIRE(e.write(b));
    e.finish();
    return e.wholeRoll();
}

// fn 112 body after m: a=48 bx by c=49 xL xH yL yH data. A 16 × 2 graphic: row 0 the left
// half black, row 1 the right half.
Bytes store112(int bx, int by) {
    return bytes({48, 112, 48, bx, by, 49, 16, 0, 2, 0, 0xFF, 0x00, 0x00, 0xFF});
}

}  // namespace

TEST_CASE("printer.GS ( L fn 112 stores a graphic, fn 50 prints it scaled and justified", "[printer]") {
    const Bytes body = store112(2, 2);
    Bytes b = bytes({0x1B, 'a', 1, 0x1D, '(', 'L', static_cast<int>(body.size()), 0});
    b.insert(b.end(), body.begin(), body.end());
    b.insert(b.end(), {0x1D, '(', 'L', 2, 0, 48, 50});
    append(b, "Suite\n");
    auto paper = render(b);
    REQUIRE(paper.images.size() == 1);
    const auto& img = paper.images[0];
    CHECK(img.image.width == 32);   // bx = 2
    CHECK(img.image.height == 4);   // by = 2
    CHECK(img.x == (576 - 32) / 2);
    CHECK(img.image.dot(0, 0));
    CHECK(img.image.dot(15, 1));
    CHECK_FALSE(img.image.dot(16, 1));
    CHECK(img.image.dot(31, 3));
    CHECK_FALSE(img.image.dot(0, 2));
    REQUIRE(paper.lines.size() == 1);
    CHECK(paper.lines[0].y >= 4);  // the text comes after the graphic
}

TEST_CASE("printer.GS 8 L takes a 4-byte length, fn 50 with nothing stored prints nothing", "[printer]") {
    const Bytes body = store112(1, 1);
    Bytes b = bytes({0x1D, '8', 'L', static_cast<int>(body.size()), 0, 0, 0});
    b.insert(b.end(), body.begin(), body.end());
    b.insert(b.end(), {0x1D, '8', 'L', 2, 0, 0, 0, 48, 50});   // print
    b.insert(b.end(), {0x1D, '(', 'L', 2, 0, 48, 50});         // again: the buffer is empty
    auto paper = render(b);
    REQUIRE(paper.images.size() == 1);
    CHECK(paper.images[0].image.width == 16);
    CHECK(paper.images[0].image.height == 2);
    CHECK(paper.images[0].x == 0);
}

TEST_CASE("printer.ESC $ and ESC backslash place text in columns", "[printer]") {
    Bytes b;
    append(b, "Timbre");
    b.insert(b.end(), {0x1B, '$', 0x2C, 0x01});  // absolute 300 dots
    append(b, "86,00");
    b.insert(b.end(), {0x1B, '\\', 0xE8, 0xFF});  // relative −24 dots: back two cells
    append(b, "X\n");
    b.insert(b.end(), {0x1B, '$', 0x40, 0x06});  // 1600 dots: beyond the paper, ignored
    append(b, "Y\n");
    auto paper = render(b);
    REQUIRE(paper.lines.size() == 2);
    const auto& runs = paper.lines[0].runs;
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].x == 0);
    CHECK(runs[1].x == 300);
    CHECK(runs[2].x == 300 + 5 * 12 - 24);
    // 300 / 12 = 25 cells; an overprinted character follows in the text layer
    CHECK(paper.lines[0].utf8() == "Timbre" + std::string(19, ' ') + "86,00X");
    CHECK(paper.lines[1].utf8() == "Y");
    CHECK(paper.lines[1].runs[0].x == 0);
}

TEST_CASE("printer.NV and download graphics are printed by key, an undefined key is reported", "[printer]") {
    emu::PrinterEmulator e(test::printerProfile("epson-tm-t20iii"));
    // fn 67 (NV) key "G1": 8 × 1, colour 1, all black; fn 83 (download) key "D1" likewise.
    Bytes b = bytes({0x1D, '(', 'L', 12, 0, 48, 67, 48, 'G', '1', 1, 8, 0, 1, 0, 49, 0xFF,
                     0x1D, '(', 'L', 12, 0, 48, 83, 48, 'D', '1', 1, 8, 0, 1, 0, 49, 0xF0,
                     0x1B, '@',                                          // both survive ESC @
                     0x1D, '(', 'L', 6, 0, 48, 69, 'G', '1', 2, 2,       // print NV ×2
                     0x1D, '(', 'L', 6, 0, 48, 85, 'D', '1', 1, 1,       // print download ×1
                     0x1D, '(', 'L', 6, 0, 48, 69, 'Z', 'Z', 1, 1});     // never defined
    REQUIRE(e.write(b));
    e.finish();
    auto paper = e.wholeRoll();
    REQUIRE(paper.images.size() == 2);
    CHECK(paper.images[0].image.width == 16);
    CHECK(paper.images[0].image.height == 2);
    CHECK(paper.images[0].image.dot(15, 1));
    CHECK(paper.images[1].image.width == 8);
    CHECK(paper.images[1].image.dot(3, 0));
    CHECK_FALSE(paper.images[1].image.dot(4, 0));
    REQUIRE(e.renderProblems().size() == 1);
    CHECK(e.renderProblems()[0].find("\"ZZ\"") != std::string::npos);
}
