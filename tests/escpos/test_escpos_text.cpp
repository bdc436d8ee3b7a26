// UTF-8 → printer bytes: composition, control stripping, page choice, fallbacks; and French
// sentences encoded for every shipped profile then decoded back.
#include <catch2/catch.hpp>

#include "drivers/escpos/text_encoder.hpp"
#include "tests/escpos/escpos_test_support.hpp"

using namespace guichet;
using namespace guichet::escpos;

namespace {
Bytes enc(TextEncoder e, std::string_view s) {
    Bytes b;
    e.encode(s, b);
    return b;
}
const std::vector<CodePageSlot> kCp858Then1252{{CodePage::Cp858, 19}, {CodePage::Cp1252, 16}};
}  // namespace

TEST_CASE("escpos.text ascii passes through without page switch", "[escpos]") {
    CHECK(enc(TextEncoder(kCp858Then1252), "Mairie 2026") == Bytes{'M', 'a', 'i', 'r', 'i', 'e', ' ', '2', '0', '2', '6'});
}

TEST_CASE("escpos.text combining accents print as one character", "[escpos]") {
    // "e" + U+0301 COMBINING ACUTE → é (0x82 in CP858); "C" + U+0327 → Ç (0x80).
    CHECK(enc(TextEncoder(kCp858Then1252), "e\xCC\x81t\xC3\xA9") == Bytes{0x1B, 0x74, 19, 0x82, 't', 0x82});
    CHECK(enc(TextEncoder(kCp858Then1252), "C\xCC\xA7") == Bytes{0x1B, 0x74, 19, 0x80});
    // A mark with no composed form is dropped, never printed as garbage.
    CHECK(enc(TextEncoder(kCp858Then1252), "q\xCC\x81") == Bytes{'q'});
}

TEST_CASE("escpos.text control bytes never reach the printer", "[escpos]") {
    // ESC @, GS V (a cut), DLE EOT, C1 CSI, DEL, NUL, bidi override: all smuggled in text.
    std::string evil = "A\x1B@B\x1DV\x41";
    evil += '\0';
    evil += "C\x10\x04\x01"
            "D\xC2\x9B"
            "E\x7F"
            "F\xE2\x80\xAE"
            "G";
    Bytes b = enc(TextEncoder(kCp858Then1252), evil);
    for (std::uint8_t byte : b) {
        CHECK(byte >= 0x20);
        CHECK(byte != 0x7F);
    }
    CHECK(test::decodeText(b, test::profile("generic-80mm")) == "A@BVACDEFG");
    // Newlines survive as cells (layout turns them into line breaks); CR and tabs do not.
    auto cells = TextEncoder(kCp858Then1252).cells("a\r\nb\tc");
    REQUIRE(cells.size() == 5);
    CHECK(cells[1].ch == U'\n');
    CHECK(cells[3].ch == U' ');
}

TEST_CASE("escpos.text malformed utf-8 becomes a question mark", "[escpos]") {
    Bytes b = enc(TextEncoder(kCp858Then1252), "a\xC3(b\xF0\x9F");
    CHECK(test::decodeText(b, test::profile("generic-80mm")) == "a?(b?");
}

TEST_CASE("escpos.text switches page only when needed", "[escpos]") {
    TextEncoder e(kCp858Then1252);
    // é, è, à and € are all in CP858: one ESC t for the whole line.
    Bytes b = enc(e, "Frais : 0,00 € — délai à venir, réglé");
    CHECK(test::countCodePageSwitches(b) == 1);
    // œ is only in CP1252, which also has every other character: the encoder picks it once.
    Bytes c = enc(TextEncoder(kCp858Then1252), "Cœur à Besançon : 5 €");
    CHECK(test::countCodePageSwitches(c) == 1);
    CHECK(c[1] == 0x1B);
    CHECK(c[3] == 16);
    // A long run in CP858 then one œ: stay, switch for œ, and do not switch back for ASCII.
    TextEncoder e2(kCp858Then1252);
    Bytes d;
    e2.encode("é", d);
    e2.encode("œ", d);
    e2.encode("é", d);  // CP1252 has é too: no switch back
    CHECK(test::countCodePageSwitches(d) == 2);
    CHECK(test::decodeText(d, test::profile("generic-80mm")) == "éœé");
}

TEST_CASE("escpos.text readable fallbacks for characters no page has", "[escpos]") {
    TextEncoder only437({{CodePage::Cp437, 0}});
    Bytes b = enc(only437, "Cœur 5 € – “ok” … ’");
    CHECK(test::decodeText(b, test::profile("generic-80mm")) == "Coeur 5 EUR - \"ok\" ... '");
    Bytes c = enc(only437, "Ōsaka Łódź");
    CHECK(test::decodeText(c, test::profile("generic-80mm")) == "Osaka Lódz");  // ó is in CP437: kept
    Bytes emoji = enc(only437, "ok 👍");
    CHECK(test::decodeText(emoji, test::profile("generic-80mm")) == "ok ?");
}

TEST_CASE("escpos.french sentences round-trip through every profile", "[escpos]") {
    const std::vector<std::pair<std::string, std::string>> sentences = {
        // (input, what a page set without œ/Ÿ must show)
        {"Reçu de dépôt de démarche", "Reçu de dépôt de démarche"},
        {"Mme Hélène Lefèvre, née le 03/07/1951 à Besançon", "Mme Hélène Lefèvre, née le 03/07/1951 à Besançon"},
        {"Frais : 0,00 € — délai estimé : 5 jours ouvrés", "Frais : 0,00 € - délai estimé : 5 jours ouvrés"},
        {"Où ça ? À l'Hôtel de Ville, près de l'église Saint-Éloi.", "Où ça ? À l'Hôtel de Ville, près de l'église Saint-Éloi."},
        {"Le cœur de l'Œuvre, Noël à L'Haÿ-les-Roses", "Le coeur de l'OEuvre, Noël à L'Haÿ-les-Roses"},
        {"Maïs, naïve, Ça, ÇA, CRÈME BRÛLÉE, ÊTRE", "Maïs, naïve, Ça, ÇA, CRÈME BRÛLÉE, ÊTRE"},
    };
    for (const auto& [name, p] : test::shippedProfiles().all()) {
        INFO("profile " << name);
        bool hasCp1252 = false;
        for (auto& s : p.codePages) hasCp1252 |= s.page == CodePage::Cp1252;
        for (const auto& [in, without1252] : sentences) {
            INFO(in);
            TextEncoder e(p.codePages);
            Bytes b = enc(e, in);
            const std::string& expected = hasCp1252 ? in : without1252;  // CP1252 has œ, Œ and —
            CHECK(test::decodeText(b, p) == expected);
        }
    }
}

TEST_CASE("escpos.forced code page uses that page or falls back", "[escpos]") {
    TextEncoder forced({{CodePage::Cp850, 2}});
    Bytes b = enc(forced, "Frais 5 € à régler");
    CHECK(test::countCodePageSwitches(b) == 1);
    CHECK(test::decodeText(b, test::profile("generic-80mm")) == "Frais 5 EUR à régler");
}
