// The same French receipt from five ESC/POS encoders of the npm registry
// (tests/data/escpos-encoders: streams, generating script, versions). Each must render as a
// TM-T20III prints it: logo, title centred, prices aligned in a column, barcode and QR that
// read back, the text with its accents and €, nothing unknown. Failed before this turn:
// GS 8 L logos blank, GS k barcodes missing, receiptline's lines on top of each other.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "drivers/emulators/printer/printer_emulator.hpp"
#include "drivers/escpos/unicode_text.hpp"
#include "tests/printer/barcode_reader.hpp"
#include "tests/printer/printer_test_support.hpp"

using namespace guichet;

namespace {

// As in generate.js.
const std::string kTitle = "MAIRIE DE SAINT-ÉTIENNE";
const std::string kSubtitle = "Reçu de dépôt n° GU-2026-0042";
const std::pair<std::string, std::string> kItems[] = {
    {"Carte d'identité", "0,00 €"}, {"Timbre fiscal", "86,00 €"}, {"Photocopies (3)", "0,45 €"}, {"Total", "86,45 €"}};
const std::string kEan13 = "4006381333931";
const std::string kQr = "https://demarches.example.fr/suivi/GU-2026-0042";
const std::string kFooter = "Merci, à bientôt !";

Bytes load(const std::string& name) {
    std::ifstream in(std::string(GUICHET_SOURCE_DIR) + "/tests/data/escpos-encoders/" + name + ".bin", std::ios::binary);
    REQUIRE(in);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(' ');
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(' ') - a + 1);
}

// Left and right edges in dots of the line's printed (non-space) characters.
std::pair<int, int> inkEdges(const emu::PaperLine& l) {
    int left = 1 << 30, right = -1;
    for (const auto& r : l.runs)
        for (std::size_t i = 0; i < r.text.size(); ++i) {
            if (r.text[i] == U' ') continue;
            const int x = l.x + r.x + static_cast<int>(i) * 12 * r.scaleW;
            left = std::min(left, x);
            right = std::max(right, x + 12 * r.scaleW);
        }
    return {left, right};
}

// A QR symbol drawn as a picture (receiptline rasterises its QR codes): a square whose
// three corners hold finder patterns (7 × 7 modules: dark ring, light ring, dark 3 × 3 core).
bool looksLikeQr(const escpos::BitImage& img) {
    if (img.width != img.height || img.width < 21) return false;
    int run = 0;
    while (run < img.width && img.dot(run, 0)) ++run;
    if (run < 7 || run % 7) return false;
    const int m = run / 7, n = img.width;
    auto finder = [&](int x0, int y0) {
        return img.dot(x0, y0) && img.dot(x0 + 6 * m, y0 + 6 * m) && !img.dot(x0 + m + m / 2, y0 + m + m / 2) &&
               img.dot(x0 + 3 * m, y0 + 3 * m) && !img.dot(x0 + 5 * m + m / 2, y0 + 3 * m);
    };
    return finder(0, 0) && finder(n - 7 * m, 0) && finder(0, n - 7 * m) && !finder(n - 7 * m, n - 7 * m);
}

const emu::PaperLine* lineWith(const emu::Paper& p, const std::string& text) {
    for (const auto& l : p.lines)
        if (l.utf8().find(text) != std::string::npos) return &l;
    return nullptr;
}

}  // namespace

TEST_CASE("printer.five npm encoders' receipts render with logo, QR, barcode, centring and columns", "[printer]") {
    for (const char* name : {"receipt-printer-encoder", "esc-pos-encoder", "node-thermal-printer", "escpos-buffer", "receiptline"}) {
        INFO(name);
        emu::PrinterEmulator e(test::printerProfile("epson-tm-t20iii"));
        REQUIRE(e.write(load(name)));
        e.finish();
        const emu::Paper p = e.wholeRoll();
        CHECK(e.unknownCommands() == 0);
        CHECK(e.unknownCodePages().empty());
        CHECK(e.renderProblems().empty());

        // Text layer: every input line, accents and € included.
        const auto* title = lineWith(p, kTitle);
        REQUIRE(title);
        CHECK(trim(title->utf8()) == kTitle);
        const auto* subtitle = lineWith(p, kSubtitle);
        REQUIRE(subtitle);
        CHECK(trim(subtitle->utf8()) == kSubtitle);
        REQUIRE(lineWith(p, kFooter));
        if (std::string(name) == "receiptline") {  // its rule: ESC t 1 (katakana) 0x95 × 48
            std::string rule;
            for (int i = 0; i < 48; ++i) rule += "\u2500";
            CHECK(lineWith(p, rule));
        }

        // The title is centred on the 576-dot line (within one character).
        auto [tl, tr] = inkEdges(*title);
        CHECK(std::abs((tl + tr) / 2 - 288) <= 12);

        // Two columns: labels start at the left margin, prices end at the same right edge.
        int priceRight = -1;
        for (const auto& [label, price] : kItems) {
            INFO(label);
            const auto* l = lineWith(p, label);
            REQUIRE(l);
            const std::string t = trim(l->utf8());
            CHECK(t.rfind(label, 0) == 0);
            CHECK(t.size() >= price.size());
            CHECK(t.substr(t.size() - price.size()) == price);
            auto [left, right] = inkEdges(*l);
            CHECK(left == 0);
            if (priceRight < 0) priceRight = right;
            CHECK(right == priceRight);
        }
        CHECK(priceRight >= 576 - 24);

        // Nothing printed on top of something else (receiptline's ESC 3 0 once stacked every line).
        struct Box { int x0, y0, x1, y1; };
        std::vector<Box> boxes;
        for (const auto& l : p.lines) {
            auto [left, right] = inkEdges(l);
            if (right > left) boxes.push_back({left, l.y, right, l.y + l.height});
        }
        for (const auto& img : p.images) boxes.push_back({img.x, img.y, img.x + img.image.width, img.y + img.image.height});
        int overlaps = 0;
        for (std::size_t i = 0; i < boxes.size(); ++i)
            for (std::size_t j = i + 1; j < boxes.size(); ++j)
                overlaps += boxes[i].x0 < boxes[j].x1 && boxes[j].x0 < boxes[i].x1 && boxes[i].y0 < boxes[j].y1 && boxes[j].y0 < boxes[i].y1;
        CHECK(overlaps == 0);

        // Logo: an image above the title with ink.
        long logoInk = 0;
        for (const auto& img : p.images)
            if (!img.isQr && !img.isBarcode() && img.y < title->y)
                for (int y = 0; y < img.image.height; ++y)
                    for (int x = 0; x < img.image.width; ++x) logoInk += img.image.dot(x, y);
        CHECK(logoInk > 1000);
        // A logo sent in strips (ESC * under ESC 3) is one piece: each strip starts where the
        // previous one ended (esc-pos-encoder's ESC 3 36 is 18 dots on a TM-T20III).
        int stripEnd = -1;
        for (const auto& img : p.images) {
            if (img.isQr || img.isBarcode() || img.y >= title->y) continue;
            if (stripEnd >= 0) CHECK(img.y == stripEnd);
            stripEnd = img.y + img.image.height;
        }

        // QR with the data sent (or drawn as a picture); the barcode read back from its bars (escpos-buffer has no
        // barcode command).
        bool qr = false, barcode = false;
        for (const auto& img : p.images) {
            if (img.isQr ? img.qrData == kQr : looksLikeQr(img.image)) qr = true;
            if (img.isBarcode()) {
                CHECK(img.symbology == "EAN13");
                CHECK(test::readEan13(test::scanRow(img.image, img.image.height / 2)) == std::optional<std::string>(kEan13));
                barcode = true;
            }
        }
        CHECK(qr);
        CHECK(barcode == (std::string(name) != "escpos-buffer"));
    }
}
