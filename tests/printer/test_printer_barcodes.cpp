// GS k barcodes drawn as bars (all failed before: GS k was skipped, nothing was printed).
#include <catch2/catch.hpp>

#include <set>

#include "drivers/emulators/printer/barcode.hpp"
#include "drivers/emulators/printer/printer_emulator.hpp"
#include "tests/printer/barcode_reader.hpp"
#include "tests/printer/printer_test_support.hpp"

using namespace guichet;

namespace {

Bytes bytes(std::initializer_list<int> v) {
    Bytes b;
    for (int x : v) b.push_back(static_cast<std::uint8_t>(x));
    return b;
}
void append(Bytes& b, const std::string& s) { b.insert(b.end(), s.begin(), s.end()); }

struct Rendered {
    emu::Paper paper;
    std::vector<std::string> problems;
};

Rendered render(const Bytes& b) {
    emu::PrinterEmulator e(test::printerProfile("epson-tm-t20iii"));
    REQUIRE(e.write(b));
    e.finish();
    return {e.wholeRoll(), e.renderProblems()};
}

// GS k in the length form (m = 65 + symbology index).
Bytes gsk(int m, const std::string& data) {
    Bytes b = bytes({0x1D, 'k', m, static_cast<int>(data.size())});
    append(b, data);
    return b;
}

const emu::PaperImage* barcodeOf(const emu::Paper& p) {
    for (const auto& i : p.images)
        if (i.isBarcode()) return &i;
    return nullptr;
}

// Bars in modules (widths divided by the narrowest).
std::string modules(const std::vector<int>& w) {
    int m = w[0];
    for (int x : w) m = std::min(m, x);
    std::string s;
    for (int x : w) s += static_cast<char>('0' + x / m);
    return s;
}

}  // namespace

TEST_CASE("printer.GS k EAN13 is drawn as bars that read back, in both command forms", "[printer]") {
    for (const Bytes& cmd : {gsk(67, "4006381333931"), gsk(67, "400638133393"), [] {
             Bytes b = bytes({0x1D, 'k', 2});
             append(b, "400638133393");
             b.push_back(0);
             return b;
         }()}) {
        auto r = render(cmd);
        const auto* bc = barcodeOf(r.paper);
        REQUIRE(bc);
        CHECK(bc->symbology == "EAN13");
        CHECK(bc->barcodeText == "4006381333931");
        CHECK(test::readEan13(test::scanRow(bc->image, bc->image.height / 2)) == std::optional<std::string>("4006381333931"));
        CHECK(bc->image.height == 162);  // GS h default
        CHECK(r.problems.empty());
    }
}

TEST_CASE("printer.GS h, GS w and GS H set height, module width and the HRI line", "[printer]") {
    Bytes b = bytes({0x1B, 'a', 1, 0x1D, 'h', 60, 0x1D, 'w', 2, 0x1D, 'H', '2'});
    auto k = gsk(67, "4006381333931");
    b.insert(b.end(), k.begin(), k.end());
    auto r = render(b);
    const auto* bc = barcodeOf(r.paper);
    REQUIRE(bc);
    CHECK(bc->image.height == 60);
    CHECK(bc->image.width == 95 * 2);                   // 95 modules of 2 dots
    CHECK(bc->x == (576 - 190) / 2);                    // centred by ESC a 1
    REQUIRE(r.paper.lines.size() == 1);
    CHECK(r.paper.lines[0].utf8() == "4006381333931");  // HRI below the bars
    CHECK(r.paper.lines[0].y >= bc->y + 60);

    auto above = render([] {
        Bytes b = bytes({0x1D, 'H', 1});
        auto k = gsk(67, "4006381333931");
        b.insert(b.end(), k.begin(), k.end());
        return b;
    }());
    REQUIRE(above.paper.lines.size() == 1);
    CHECK(above.paper.lines[0].y + 24 <= barcodeOf(above.paper)->y);

    // GS f 1: the HRI in font B (9 × 17), still centred under the bars.
    auto fontB = render([] {
        Bytes b = bytes({0x1D, 'H', 2, 0x1D, 'f', 1});
        auto k = gsk(67, "4006381333931");
        b.insert(b.end(), k.begin(), k.end());
        return b;
    }());
    REQUIRE(fontB.paper.lines.size() == 1);
    CHECK(fontB.paper.lines[0].runs[0].fontB);
    CHECK(fontB.paper.lines[0].height == 17);
    CHECK(fontB.paper.lines[0].x == (95 * 3 - 13 * 9) / 2);
}

TEST_CASE("printer.an invalid barcode is reported and not printed", "[printer]") {
    for (auto [cmd, why] : {std::pair{gsk(67, "4006381333932"), "wrong check digit"},
                            {gsk(69, "abc"), "not in Code 39"},
                            {gsk(73, "No code set"), "code set"},
                            {gsk(71, "12345"), "start and stop"},
                            {gsk(66, "123456789"), "digits expected"},
                            {gsk(75, "GS1 DataBar"), "not supported"}}) {
        INFO(why);
        auto r = render(cmd);
        CHECK(barcodeOf(r.paper) == nullptr);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].find(why) != std::string::npos);
    }
}

TEST_CASE("printer.UPC-A, UPC-E and EAN8 follow the EAN structure and check digits", "[printer]") {
    // UPC-A 036000291452 is EAN-13 0036000291452.
    auto a = render(gsk(65, "03600029145"));
    REQUIRE(barcodeOf(a.paper));
    CHECK(barcodeOf(a.paper)->barcodeText == "036000291452");
    CHECK(test::readEan13(test::scanRow(barcodeOf(a.paper)->image, 5)) == std::optional<std::string>("0036000291452"));
    // UPC-E 0 123456 5 is UPC-A 0 12345 00006 5 zero-suppressed; parity for check 5: GLLGGL.
    for (const char* in : {"012345000065", "01234565", "123456"}) {
        INFO(in);
        auto e = render(gsk(66, in));
        const auto* bc = barcodeOf(e.paper);
        REQUIRE(bc);
        CHECK(bc->barcodeText == "01234565");
        const std::string m = modules(bc->barWidths);
        CHECK(m.size() == 3 + 6 * 4 + 6);  // guard, six digits, end guard 010101
        CHECK(m.substr(0, 3) == "111");
        CHECK(m.substr(3, 4) == "1222");   // '1' in set B (even parity): reversed "2221"
        CHECK(m.substr(7, 4) == "2122");   // '2' in set A
        CHECK(m.substr(m.size() - 6) == "111111");
    }
    auto e8 = render(gsk(68, "9638507"));
    REQUIRE(barcodeOf(e8.paper));
    CHECK(barcodeOf(e8.paper)->barcodeText == "96385074");
    CHECK(modules(barcodeOf(e8.paper)->barWidths).size() == 3 + 16 + 5 + 16 + 3);
}

TEST_CASE("printer.Code 39, ITF and Codabar use narrow and wide elements", "[printer]") {
    auto c39 = render(bytes({0x1D, 'w', 2, 0x1D, 'k', 4, 'A', 0}));
    const auto* bc = barcodeOf(c39.paper);
    REQUIRE(bc);
    CHECK(bc->barcodeText == "*A*");
    // Elements (wide = 5 dots, narrow = 2 at GS w 2): '*' nWnnWnWnn, gap, 'A' WnnnnWnnW.
    std::string e;
    for (int w : bc->barWidths) e += w == 5 ? 'W' : 'n';
    CHECK(e == "nWnnWnWnn" "n" "WnnnnWnnW" "n" "nWnnWnWnn");

    auto itf = render(gsk(70, "12345"));  // an odd count: the printer drops the last digit
    REQUIRE(barcodeOf(itf.paper));
    CHECK(barcodeOf(itf.paper)->barcodeText == "1234");
    CHECK(barcodeOf(itf.paper)->barWidths.size() == 4 + 2 * 10 + 3);

    auto cb = render(gsk(71, "A40156B"));
    REQUIRE(barcodeOf(cb.paper));
    CHECK(barcodeOf(cb.paper)->barWidths.size() == 7 * 7 + 6);  // 7 characters of 7 elements, 6 gaps
}

TEST_CASE("printer.Code 128 code sets A, B, C, shift and check character", "[printer]") {
    // {B "Mairie" {C 20 26: values 104, M a i r i e, 99, 20, 26, check, stop.
    Bytes data = bytes({'{', 'B', 'M', 'a', 'i', 'r', 'i', 'e', '{', 'C', 20, 26});
    auto r = render([&] {
        Bytes b = bytes({0x1D, 'k', 73, static_cast<int>(data.size())});
        b.insert(b.end(), data.begin(), data.end());
        return b;
    }());
    const auto* bc = barcodeOf(r.paper);
    REQUIRE(bc);
    CHECK(bc->barcodeText == "Mairie2026");
    const std::string m = modules(bc->barWidths);
    CHECK(m.substr(0, 6) == "211214");                  // start B
    CHECK(m.substr(m.size() - 7) == "2331112");          // stop
    const int values[] = {104, 45, 65, 73, 82, 73, 69, 99, 20, 26};
    int sum = values[0];
    for (int i = 1; i < 10; ++i) sum += i * values[i];
    CHECK(m.substr(6 * 10, 6) == emu::code128Pattern(sum % 103));
    CHECK(m.size() == 6 * 11 + 7);
    // Set A takes control characters, {S shifts one character to B.
    auto a = render(gsk(73, std::string("{AAB\x09{Sz", 8)));
    REQUIRE(barcodeOf(a.paper));
    CHECK(modules(barcodeOf(a.paper)->barWidths).substr(0, 6) == "211412");  // start A
}

TEST_CASE("printer.barcode tables keep their symbologies' rules", "[printer]") {
    std::set<std::string> seen;
    for (int v = 0; v < 106; ++v) {
        const std::string p = emu::code128Pattern(v);
        int sum = 0, bars = 0;
        for (std::size_t i = 0; i < p.size(); ++i) {
            sum += p[i] - '0';
            if (i % 2 == 0) bars += p[i] - '0';
        }
        INFO("value " << v);
        CHECK(p.size() == 6);
        CHECK(sum == 11);
        CHECK(bars % 2 == 0);  // Code 128's parity: an even number of bar modules
        CHECK(seen.insert(p).second);
    }
    // Code 93: every character of the data is 9 modules, 3 bars and 3 spaces.
    auto r = render(gsk(72, "Guichet 93"));
    const auto* bc = barcodeOf(r.paper);
    REQUIRE(bc);
    const auto& w = bc->barWidths;
    CHECK(w.size() % 6 == 1);  // start, data (with shifts), C, K, stop, then the termination bar
    for (std::size_t i = 0; i + 6 <= w.size(); i += 6) {
        int modulesSum = 0;
        for (std::size_t j = i; j < i + 6; ++j) modulesSum += w[j] / 3;
        CHECK(modulesSum == 9);
    }
}
