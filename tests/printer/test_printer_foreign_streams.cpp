// Streams as other ESC/POS encoders write them (receiptline, escpos-buffer, node-thermal-
// printer…): the ASCII forms of parameters, column images, line spacing and code pages the
// emulator has no table for.
#include <catch2/catch.hpp>

#include "drivers/emulators/printer/printer_emulator.hpp"
#include "tests/printer/printer_test_support.hpp"

using namespace guichet;

namespace {

emu::Paper render(const Bytes& bytes, emu::PrinterEmulator* keep = nullptr) {
    emu::PrinterEmulator e(test::printerProfile("epson-tm-t20iii"));
    emu::PrinterEmulator& p = keep ? *keep : e;
    REQUIRE(p.write(bytes));
    p.finish();
    return p.wholeRoll();
}

Bytes bytes(std::initializer_list<int> v) {
    Bytes b;
    for (int x : v) b.push_back(static_cast<std::uint8_t>(x));
    return b;
}

void append(Bytes& b, const std::string& s) { b.insert(b.end(), s.begin(), s.end()); }

}  // namespace

TEST_CASE("printer.ESC - accepts the ASCII forms: '0' is off, '1' and '2' are on", "[printer]") {
    for (auto [n, dots] : {std::pair{'0', 0}, {'1', 1}, {'2', 2}, {0, 0}, {1, 1}, {2, 2}}) {
        INFO("n = " << int(n));
        Bytes b = bytes({0x1B, '-', 2, 0x1B, '-', n});  // on first: '0' must turn it off again
        append(b, "Ligne\n");
        auto paper = render(b);
        REQUIRE(paper.lines.size() == 1);
        CHECK(paper.lines[0].runs[0].underline == dots);
    }
    // A value outside 0-2 / '0'-'2' is ignored (the previous setting stays).
    auto paper = render([] {
        Bytes b = bytes({0x1B, '-', 1, 0x1B, '-', 7});
        append(b, "x\n");
        return b;
    }());
    CHECK(paper.lines[0].runs[0].underline == 1);
}

TEST_CASE("printer.ESC a '1' centres ESC * column images, strips touching at ESC 3 24", "[printer]") {
    // A 24-dot double-density logo of two strips, 48 columns each: a solid black square.
    Bytes b = bytes({0x1B, 'a', '1', 0x1B, '3', 24});
    for (int strip = 0; strip < 2; ++strip) {
        Bytes cmd = bytes({0x1B, '*', 33, 48, 0});
        cmd.insert(cmd.end(), 48 * 3, 0xFF);
        b.insert(b.end(), cmd.begin(), cmd.end());
        b.push_back('\n');
    }
    b.insert(b.end(), {0x1B, '2'});  // default spacing again
    append(b, "Mairie\n");
    auto paper = render(b);
    REQUIRE(paper.images.size() == 2);
    for (const auto& img : paper.images) {
        CHECK(img.image.width == 48);
        CHECK(img.image.height == 24);
        CHECK(img.x == (576 - 48) / 2);  // centred like the text
        CHECK(img.image.dot(0, 0));
        CHECK(img.image.dot(47, 23));
    }
    CHECK(paper.images[1].y == paper.images[0].y + 24);  // no white gap inside the logo
    REQUIRE(paper.lines.size() == 1);
    CHECK(paper.lines[0].y == 48);
    CHECK(paper.lines[0].utf8() == "Mairie");
}

TEST_CASE("printer.ESC * 8-dot single density is scaled to the printer's dots", "[printer]") {
    Bytes b = bytes({0x1B, '*', 0, 2, 0, 0x80, 0x01, '\n'});  // two columns: top dot, bottom dot
    auto paper = render(b);
    REQUIRE(paper.images.size() == 1);
    const auto& img = paper.images[0].image;
    CHECK(img.width == 4);   // 2 columns x2 across
    CHECK(img.height == 24);          // 8 dots x3 down
    CHECK(img.dot(0, 0));
    CHECK(img.dot(1, 2));
    CHECK_FALSE(img.dot(2, 0));
    CHECK(img.dot(2, 23));
    CHECK(img.dot(3, 21));
}

TEST_CASE("printer.an unknown code page is reported, not guessed as CP437", "[printer]") {
    emu::PrinterEmulator e(test::printerProfile("epson-tm-t20iii"));
    // 99: no Epson page; then PC858.
    Bytes b = bytes({0x1B, 't', 99, 0xD5, 'A', '\n', 0x1B, 't', 19, 0xD5, '\n'});
    auto paper = render(b, &e);
    REQUIRE(paper.lines.size() == 2);
    CHECK(paper.lines[0].utf8() == "\uFFFDA");   // not "╒A"
    CHECK(paper.lines[1].utf8() == "\u20AC");    // € in PC858
    CHECK(e.unknownCodePages() == std::vector<int>{99});
}

// Failed before the Epson-only pages were added: 13 and 1 were unknown (U+FFFD).
TEST_CASE("printer.PC857 (ESC t 13) has the euro at 0xD5, katakana page 1 draws rules", "[printer]") {
    emu::PrinterEmulator e(test::printerProfile("epson-tm-t20iii"));
    Bytes b = bytes({0x1B, 't', 13, 0xD5, ' ', 0x82, 0x8D, '\n',   // € é ı (Turkish dotless i)
                     0x1B, 't', 1, 0x9C, 0x95, 0x95, 0x9D, '\n',    // receiptline's ╭──╮
                     0x1B, 't', 1, 0x96, 0xB1, 0x96, '\n'});        // │ｱ│
    auto paper = render(b, &e);
    REQUIRE(paper.lines.size() == 3);
    CHECK(paper.lines[0].utf8() == "\u20AC \u00E9\u0131");
    CHECK(paper.lines[1].utf8() == "\u256D\u2500\u2500\u256E");
    CHECK(paper.lines[2].utf8() == "\u2502\uFF71\u2502");
    CHECK(e.unknownCodePages().empty());
}

TEST_CASE("printer.every code page the shipped profiles list decodes its upper half", "[printer]") {
    for (const char* name : {"epson-tm-t20ii", "epson-tm-t20iii", "epson-tm-t88v", "generic-80mm", "generic-58mm", "pos58"}) {
        const auto& profile = test::printerProfile(name);
        for (const auto& slot : profile.codePages) {
            INFO(name << " page " << slot.number);
            emu::PrinterEmulator e(profile);
            Bytes b = bytes({0x1B, 't', slot.number, 0x82, 0xE9, '\n'});
            auto paper = render(b, &e);
            CHECK(e.unknownCodePages().empty());
            REQUIRE(paper.lines.size() == 1);
            CHECK(paper.lines[0].utf8().find("\uFFFD") == std::string::npos);
        }
    }
}

// Failed before: ESC 3 / ESC J were taken as dots on every printer, and ESC 3 0 (receiptline)
// stacked every line on the previous one.
TEST_CASE("printer.ESC 3 and ESC J count in the profile's vertical motion unit, never less than the line", "[printer]") {
    auto linesAt = [](const char* profile, const Bytes& b) {
        emu::PrinterEmulator e(test::printerProfile(profile));
        REQUIRE(e.write(b));
        e.finish();
        std::vector<int> ys;
        for (const auto& l : e.wholeRoll().lines) ys.push_back(l.y);
        return ys;
    };
    Bytes spacing = bytes({0x1B, '3', 80});
    append(spacing, "a\nb\n");
    CHECK(linesAt("epson-tm-t20iii", spacing) == std::vector<int>{0, 40});  // 80/406 in = 40 dots
    CHECK(linesAt("generic-80mm", spacing) == std::vector<int>{0, 80});     // a clone: dots
    Bytes feed = bytes({0x1B, 'J', 100});
    append(feed, "a\n");
    CHECK(linesAt("epson-tm-t20iii", feed) == std::vector<int>{50});
    Bytes zero = bytes({0x1B, '3', 0});
    append(zero, "a\nb\n");
    CHECK(linesAt("epson-tm-t20iii", zero) == std::vector<int>{0, 24});     // the line's height
}
