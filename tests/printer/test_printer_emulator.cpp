// The software printer: our receipts round-trip (the text lines come out where they should),
// foreign and broken streams never derail it, and the paper renders to a PNG.
#include <catch2/catch.hpp>

#include <stb/stb_image.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "drivers/emulators/printer/paper_png.hpp"
#include "drivers/emulators/printer/printer_emulator.hpp"
#include "drivers/escpos/receipt_layout.hpp"
#include "tests/printer/printer_test_support.hpp"

using namespace guichet;

namespace {

emu::Paper printOne(const escpos::PrinterProfile& p, const Bytes& bytes) {
    emu::PrinterEmulator e(p);
    REQUIRE(e.write(bytes));
    e.finish();
    auto r = e.takeReceipts();
    if (r.empty()) return e.wholeRoll();  // printers without a cutter: the whole roll
    REQUIRE(r.size() == 1);
    return r[0];
}

const emu::PaperLine* findLine(const emu::Paper& paper, const std::string& text) {
    for (const auto& l : paper.lines)
        if (l.utf8() == text) return &l;
    return nullptr;
}

}  // namespace

TEST_CASE("printer.reference receipt round-trips through the emulator", "[printer]") {
    const auto& p = test::printerProfile("epson-tm-t20iii");
    emu::Paper paper = printOne(p, escpos::layoutReceipt(test::referenceReceipt(), p));

    // Logo first (576 × 200), then the title, centred and double size.
    REQUIRE(paper.images.size() == 2);
    CHECK(paper.images[0].image.width == 576);
    CHECK(paper.images[0].image.height == 200);
    CHECK(paper.images[0].y == 0);
    const auto* title = findLine(paper, "Mairie de Saint-Exemple");
    REQUIRE(title);
    CHECK(title->scale() == 2);
    CHECK(title->bold());
    CHECK(title->y >= 200);
    CHECK(title->x == (576 - 23 * 24) / 2);  // 23 characters, 24 dots each at double width
    const auto* subtitle = findLine(paper, "Reçu de dépôt de démarche");
    REQUIRE(subtitle);
    CHECK(subtitle->x == (576 - 25 * 12) / 2);
    CHECK(subtitle->y > title->y);

    // Rows: 48 columns with dot leaders; accents and € through the code pages.
    const auto* fees = findLine(paper, "Frais " + std::string(48 - 5 - 6 - 2, '.') + " 0,00 €");
    REQUIRE(fees);
    CHECK(fees->x == 0);
    CHECK(findLine(paper, "Demandeur " + std::string(48 - 9 - 18 - 2, '.') + " Mme Hélène Lefèvre"));
    CHECK(findLine(paper, "Délai estimé " + std::string(48 - 12 - 14 - 2, '.') + " 5 jours ouvrés"));
    CHECK(findLine(paper, std::string(48, '-')));

    // The QR carries the URL, centred, below the rows; the footer under it; then the cut.
    const auto& qr = paper.images[1];
    CHECK(qr.isQr);
    CHECK(qr.qrData == "https://se.example.fr/suivi/SE2026000123");
    CHECK(qr.x == (576 - qr.image.width) / 2);
    CHECK(qr.y > fees->y);
    const auto* footer = findLine(paper, "Conservez ce reçu. Merci !");
    REQUIRE(footer);
    CHECK(footer->y > qr.y);
    REQUIRE(paper.cuts.size() == 1);
    CHECK(paper.cuts[0].partial);
    CHECK(paper.cuts[0].y > footer->y);
}

TEST_CASE("printer.58 mm receipt wraps to 32 columns and rasterises the QR", "[printer]") {
    const auto& p = test::printerProfile("pos58");
    emu::Paper paper = printOne(p, escpos::layoutReceipt(test::referenceReceipt(), p));
    for (const auto& l : paper.lines) {
        int cols = 0;
        for (const auto& r : l.runs) cols += static_cast<int>(r.text.size()) * r.scaleW;
        CHECK(cols <= 32);
    }
    CHECK(findLine(paper, "Frais " + std::string(32 - 5 - 6 - 2, '.') + " 0,00 €"));
    CHECK(std::none_of(paper.images.begin(), paper.images.end(), [](const emu::PaperImage& i) { return i.isQr; }));
    CHECK(paper.images.size() >= 2);  // logo + raster QR
    CHECK(paper.cuts.empty());        // no cutter: fed to the tear bar instead
}

TEST_CASE("printer.truncated streams render without crashing", "[printer]") {
    const auto& p = test::printerProfile("epson-tm-t20iii");
    const Bytes full = escpos::layoutReceipt(test::referenceReceipt(), p);
    // Every prefix length in steps: never a crash, and text before the cut point survives.
    for (std::size_t n = 0; n < full.size(); n += 97) {
        emu::PrinterEmulator e(p);
        e.write(std::span<const std::uint8_t>(full.data(), n));
        e.finish();
        emu::Paper roll = e.wholeRoll();
        CHECK(roll.height >= 0);
    }
    // Cut inside the QR store command: the lines before it are all there.
    emu::PrinterEmulator e(p);
    const Bytes qrStoreHeader{0x1D, 0x28, 0x6B, 0x2B, 0x00, 0x31, 0x50};  // 40-byte URL + 3
    auto qrAt = std::search(full.begin(), full.end(), qrStoreHeader.begin(), qrStoreHeader.end());
    REQUIRE(qrAt != full.end());
    e.write(std::span<const std::uint8_t>(full.data(), static_cast<std::size_t>(qrAt - full.begin()) + 10));
    e.finish();
    emu::Paper roll = e.wholeRoll();
    CHECK(findLine(roll, "Mairie de Saint-Exemple"));
    CHECK(std::none_of(roll.images.begin(), roll.images.end(), [](const emu::PaperImage& i) { return i.isQr; }));
}

TEST_CASE("printer.random and foreign streams never derail the parser", "[printer]") {
    const auto& p = test::printerProfile("generic-80mm");
    std::mt19937 rng(20261128);
    for (int round = 0; round < 200; ++round) {
        Bytes junk(1 + rng() % 4000);
        for (auto& b : junk) b = static_cast<std::uint8_t>(rng());
        emu::PrinterEmulator e(p);
        e.write(junk);
        e.finish();
        emu::Paper roll = e.wholeRoll();
        CHECK(roll.height < 60000 * 100);
    }
    // Another program's stream: barcode, bit image, tab stops, drawer kick, unknown ESC z,
    // then ordinary text that must still print.
    Bytes foreign{0x1B, 0x40, 0x1B, 0x44, 0x08, 0x10, 0x00, 0x1D, 0x6B, 0x02, '1', '2', '3', '4', 0x00,
                  0x1B, 0x2A, 0x00, 0x03, 0x00, 0xFF, 0x00, 0xFF, 0x1B, 0x70, 0x00, 0x19, 0xFA, 0x1B, 0x7A, 0x1D,
                  0x28, 0x4C, 0x02, 0x00, 0x30, 0x32, 'S', 'u', 'i', 't', 'e', '\n'};
    emu::PrinterEmulator e(p);
    e.write(foreign);
    e.finish();
    CHECK(e.wholeRoll().textLines() == std::vector<std::string>{"Suite"});
    CHECK(e.unknownCommands() == 1);  // ESC z
}

TEST_CASE("printer.forged raster size does not eat memory", "[printer]") {
    const auto& p = test::printerProfile("generic-80mm");
    emu::PrinterEmulator e(p);
    // GS v 0 claiming 65535 × 65535 bytes, then text.
    Bytes forged{0x1D, 0x76, 0x30, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 'o', 'k', '\n'};
    e.write(forged);
    e.finish();
    CHECK(e.wholeRoll().textLines() == std::vector<std::string>{"ok"});
}

TEST_CASE("printer.split writes parse like one stream", "[printer]") {
    const auto& p = test::printerProfile("epson-tm-t20iii");
    const Bytes full = escpos::layoutReceipt(test::referenceReceipt(), p);
    emu::PrinterEmulator whole(p), pieces(p);
    whole.write(full);
    for (std::size_t i = 0; i < full.size(); i += 7)
        pieces.write(std::span<const std::uint8_t>(full.data() + i, std::min<std::size_t>(7, full.size() - i)));
    auto a = whole.takeReceipts(), b = pieces.takeReceipts();
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    CHECK(a[0].textLines() == b[0].textLines());
    CHECK(a[0].height == b[0].height);
}

TEST_CASE("printer.status answers follow the paper sensor", "[printer]") {
    emu::PrinterEmulator e(test::printerProfile("generic-80mm"));
    e.write(Bytes{0x10, 0x04, 0x04});
    CHECK(e.takeAnswers(8) == Bytes{0x12});
    e.setPaperNearEnd(true);
    e.write(Bytes{0x10, 0x04, 0x04});
    CHECK(e.takeAnswers(8) == Bytes{0x1E});
    e.setPaperOut(true);
    CHECK(e.write(Bytes{0x10, 0x04, 0x04, 0x10, 0x04, 0x02}));  // real-time commands still answered
    CHECK(e.takeAnswers(8) == Bytes{0x7E, 0x32});
    CHECK_FALSE(e.write(Bytes{'x', '\n'}));                    // but data is refused
    e.setPaperOut(false);
    e.setCoverOpen(true);
    e.write(Bytes{0x10, 0x04, 0x02});
    CHECK(e.takeAnswers(8) == Bytes{0x16});
}

TEST_CASE("printer.paper renders to a PNG of the printer's width", "[printer]") {
    const auto& p = test::printerProfile("epson-tm-t20iii");
    emu::Paper paper = printOne(p, escpos::layoutReceipt(test::referenceReceipt(), p));
    const auto path = std::filesystem::temp_directory_path() / ("guichet-receipt-" + std::to_string(::getpid()) + ".png");
    REQUIRE(emu::writePng(paper, path.string()).ok());
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(path.string().c_str(), &w, &h, &n, 1);
    REQUIRE(px);
    CHECK(w == 576);
    CHECK(h >= paper.height);
    // Ink where the title is, none in the margin left of the centred subtitle.
    const auto* title = findLine(paper, "Mairie de Saint-Exemple");
    REQUIRE(title);
    int ink = 0, margin = 0;
    for (int y = title->y; y < title->y + title->height; ++y) {
        for (int x = title->x; x < 576 - title->x; ++x) ink += px[y * w + x] < 128;
        for (int x = 0; x < title->x - 2; ++x) margin += px[y * w + x] < 128;
    }
    CHECK(ink > 500);
    CHECK(margin == 0);
    stbi_image_free(px);
    std::filesystem::remove(path);
}

TEST_CASE("printer.emulator keeps a bounded number of receipts", "[printer]") {
    const auto& p = test::printerProfile("generic-80mm");
    emu::PrinterEmulator e(p);
    e.setReceiptLimit(3);
    int cuts = 0;
    e.setOnCut([&](const emu::Paper&) { ++cuts; });
    for (int i = 0; i < 10; ++i) {
        doc::ReceiptDocument r;
        r.line("Reçu " + std::to_string(i));
        e.write(escpos::layoutReceipt(r, p));
    }
    CHECK(cuts == 10);  // every receipt was handed over (demo mode writes its PNG)
    auto kept = e.takeReceipts();
    REQUIRE(kept.size() == 3);
    CHECK(kept.front().textLines() == std::vector<std::string>{"Reçu 7"});
    CHECK(kept.back().textLines() == std::vector<std::string>{"Reçu 9"});
}

TEST_CASE("printer.nonsense documents still encode to a well-formed stream", "[printer]") {
    std::string controls;
    for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
    controls += "\x7F\xC2\x80\xC2\x9F\xFF\xFE";
    const std::vector<doc::ReceiptDocument> docs = [&] {
        std::vector<doc::ReceiptDocument> v(6);
        v[1].elements.push_back(doc::Feed{0});
        v[2].title(controls).row(controls, controls).line(controls).qr(controls, controls);
        v[3].row(std::string(5000, 'x'), std::string(3000, 'y')).title(std::string(200, 'Z'));
        v[4].line("👍🏽 ☃ ✓ 中文 ∑").row("€€€€", "œœœ").qr("", "");
        v[5].logo("/dev/null").logo("").qr(std::string(9000, 'q'), "trop long");
        return v;
    }();
    for (const char* name : {"epson-tm-t20iii", "pos58", "epson-tm-t88v"}) {
        const auto& p = test::printerProfile(name);
        for (const auto& d : docs) {
            INFO(name);
            const Bytes b = escpos::layoutReceipt(d, p);
            emu::PrinterEmulator e(p);
            e.write(b);
            CHECK(e.unknownCommands() == 0);
            e.finish();
            for (const auto& line : e.wholeRoll().textLines()) {
                for (unsigned char ch : line) CHECK((ch >= 0x20 || ch == 0) == true);
                CHECK(line.find('\x1B') == std::string::npos);
            }
        }
    }
}
