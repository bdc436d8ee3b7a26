// Receipt layout: wrapping, dot leaders, separators, QR native or raster, logo, cut per profile.
#include <catch2/catch.hpp>

#include <algorithm>

#include "drivers/escpos/commands.hpp"
#include "drivers/escpos/receipt_layout.hpp"
#include "tests/escpos/escpos_test_support.hpp"

using namespace guichet;
using namespace guichet::escpos;

namespace {

bool contains(const Bytes& hay, const Bytes& needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

std::string asText(const Bytes& b) { return std::string(b.begin(), b.end()); }

std::vector<std::string> wrapped(const std::string& s, int cols) {
    TextEncoder e({{CodePage::Cp858, 19}});
    auto cells = e.cells(s);
    std::vector<std::string> out;
    for (auto [b, en] : wrapCells(cells, cols)) {
        std::string line;
        for (std::size_t i = b; i < en; ++i) appendUtf8(line, cells[i].ch);
        out.push_back(line);
    }
    return out;
}

}  // namespace

TEST_CASE("escpos.wrap breaks at spaces and splits long words", "[escpos]") {
    CHECK(wrapped("Conservez ce reçu. Merci !", 12) == std::vector<std::string>{"Conservez ce", "reçu. Merci", "!"});
    CHECK(wrapped("abcdefghijklmnop", 6) == std::vector<std::string>{"abcdef", "ghijkl", "mnop"});
    CHECK(wrapped("un\n\ndeux", 10) == std::vector<std::string>{"un", "", "deux"});
    CHECK(wrapped("   ", 10) == std::vector<std::string>{""});
    CHECK(wrapped("", 10) == std::vector<std::string>{""});
    for (const auto& l : wrapped("Délai estimé de traitement : cinq jours ouvrés à compter du dépôt", 32)) CHECK(l.size() <= 40);
}

TEST_CASE("escpos.layout rows get dot leaders to the profile width", "[escpos]") {
    doc::ReceiptDocument r;
    r.row("Référence", "SE-2026-000123");
    r.cut = false;
    Bytes out = layoutReceipt(r, test::profile("generic-80mm"));
    // ESC @, then the row: 48 columns exactly ("Référence" is 9 columns).
    const std::string text = asText(out);
    CHECK(out[0] == 0x1B);
    CHECK(out[1] == 0x40);
    CHECK(text.find(std::string(" ") + std::string(48 - 9 - 14 - 2, '.') + " SE-2026-000123\n") != std::string::npos);

    Bytes t88 = layoutReceipt(r, test::profile("epson-tm-t88v"));  // 512 dots: 42 columns
    CHECK(asText(t88).find(std::string(" ") + std::string(42 - 9 - 14 - 2, '.') + " SE-2026-000123\n") != std::string::npos);

    Bytes narrow = layoutReceipt(r, test::profile("pos58"));
    CHECK(asText(narrow).find(std::string(" ") + std::string(32 - 9 - 14 - 2, '.') + " SE-2026-000123\n") != std::string::npos);
}

TEST_CASE("escpos.layout long rows put the value right-aligned below", "[escpos]") {
    doc::ReceiptDocument r;
    r.row("Nombre d'exemplaires demandés", "deux copies intégrales");
    r.cut = false;
    Bytes out = layoutReceipt(r, test::profile("pos58"));
    const std::string t = asText(out);
    // The 29-column label and the 22-column value cannot share 32 columns.
    CHECK(t.find("Nombre d'exemplaires demand\x1Bt\x13\x82s\n" + std::string(32 - 22, ' ') + "deux copies int\x82grales\n") != std::string::npos);
}

TEST_CASE("escpos.layout title styles and separator", "[escpos]") {
    doc::ReceiptDocument r;
    r.title("Mairie");
    r.separator();
    r.cut = false;
    Bytes out = layoutReceipt(r, test::profile("generic-80mm"));
    const Bytes expectedStart{0x1B, 0x40, 0x1B, 0x61, 0x01, 0x1B, 0x45, 0x01, 0x1D, 0x21, 0x11, 'M', 'a', 'i', 'r', 'i', 'e', '\n',
                              0x1D, 0x21, 0x00, 0x1B, 0x45, 0x00, 0x1B, 0x61, 0x00};
    REQUIRE(out.size() > expectedStart.size());
    CHECK(Bytes(out.begin(), out.begin() + static_cast<long>(expectedStart.size())) == expectedStart);
    CHECK(asText(out).find(std::string(48, '-') + "\n") != std::string::npos);
}

TEST_CASE("escpos.layout cut follows the profile", "[escpos]") {
    doc::ReceiptDocument r;
    r.line("x");
    Bytes full = layoutReceipt(r, test::profile("generic-80mm"));
    CHECK(Bytes(full.end() - 4, full.end()) == Bytes{0x1D, 0x56, 0x42, 0x03});  // partial cut after 3 lines
    Bytes tear = layoutReceipt(r, test::profile("pos58"));
    CHECK(Bytes(tear.end() - 3, tear.end()) == Bytes{0x1B, 0x64, 0x04});       // no cutter: feed to the tear bar
    r.cut = false;
    Bytes none = layoutReceipt(r, test::profile("generic-80mm"));
    CHECK_FALSE(contains(none, Bytes{0x1D, 0x56}));
}

TEST_CASE("escpos.layout QR native or rasterised per profile", "[escpos]") {
    doc::ReceiptDocument r;
    r.qr("https://se.example.fr/suivi/SE2026000123", "");
    r.cut = false;
    Bytes native = layoutReceipt(r, test::profile("epson-tm-t20iii"));
    Bytes store;
    cmd::qrStore(store, "https://se.example.fr/suivi/SE2026000123");
    CHECK(contains(native, store));
    CHECK(contains(native, Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}));

    Bytes raster = layoutReceipt(r, test::profile("pos58"));
    CHECK_FALSE(contains(raster, Bytes{0x1D, 0x28, 0x6B}));
    CHECK(contains(raster, Bytes{0x1D, 0x76, 0x30, 0x00, 48, 0x00}));  // 384 dots = 48 bytes a row
}

TEST_CASE("escpos.layout logo is dithered to the paper width in bands", "[escpos]") {
    doc::ReceiptDocument r;
    r.logo("logo_576x200.png");
    r.cut = false;
    LayoutOptions o;
    o.assetDir = std::string(GUICHET_SOURCE_DIR) + "/bench/escpos";
    Bytes wide = layoutReceipt(r, test::profile("generic-80mm"), o);
    CHECK(contains(wide, Bytes{0x1D, 0x76, 0x30, 0x00, 72, 0x00, 200, 0x00}));
    // 58 mm: scaled to 384 dots (133 rows), and in 256-row bands at most.
    Bytes narrow = layoutReceipt(r, test::profile("pos58"), o);
    CHECK(contains(narrow, Bytes{0x1D, 0x76, 0x30, 0x00, 48, 0x00, 133, 0x00}));

    // A missing logo prints the receipt without it.
    doc::ReceiptDocument missing;
    missing.logo("/nonexistent/logo.png");
    missing.line("ok");
    Bytes m = layoutReceipt(missing, test::profile("generic-80mm"));
    CHECK_FALSE(contains(m, Bytes{0x1D, 0x76, 0x30}));
    CHECK(asText(m).find("ok\n") != std::string::npos);

    LogoCache cache;
    o.logos = &cache;
    CHECK(layoutReceipt(r, test::profile("generic-80mm"), o) == wide);
    CHECK(layoutReceipt(r, test::profile("generic-80mm"), o) == wide);
}

TEST_CASE("escpos.layout skips a QR whose data cannot fit, never a truncated one", "[escpos]") {
    doc::ReceiptDocument r;
    r.qr(std::string(3000, 'q'), "Suivi");
    r.qr("", "");
    r.cut = false;
    for (const char* name : {"epson-tm-t20iii", "pos58"}) {
        Bytes out = layoutReceipt(r, test::profile(name));
        CHECK_FALSE(contains(out, Bytes{0x1D, 0x28, 0x6B}));  // no native QR
        CHECK_FALSE(contains(out, Bytes{0x1D, 0x76, 0x30}));  // no raster QR
        CHECK(asText(out).find("Suivi\n") != std::string::npos);  // the caption still prints
    }
    doc::ReceiptDocument ok;
    ok.qr(std::string(1500, 'q'), "");
    CHECK(contains(layoutReceipt(ok, test::profile("epson-tm-t20iii")), Bytes{0x1D, 0x28, 0x6B, 0xDF, 0x05, 0x31, 0x50, 0x30}));
}
