// The code page tables against glibc iconv (an independent source), for every supported page.
#include <catch2/catch.hpp>

#include <iconv.h>

#include <cstring>

#include "drivers/escpos/code_page.hpp"

using namespace guichet::escpos;

namespace {

// The character glibc decodes `byte` to in `charset`; 0 when glibc says it is undefined.
char32_t iconvDecode(const char* charset, unsigned char byte) {
    iconv_t cd = iconv_open("UTF-32LE", charset);
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    char in[1] = {static_cast<char>(byte)};
    char out[8] = {};
    char* ip = in;
    char* op = out;
    size_t il = 1, ol = sizeof out;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    if (r == static_cast<size_t>(-1) || ol != 4) return 0;
    char32_t c;
    std::memcpy(&c, out, 4);
    return c;
}

}  // namespace

TEST_CASE("escpos.code page tables match iconv", "[escpos]") {
    const std::pair<CodePage, const char*> pages[] = {
        {CodePage::Cp437, "CP437"}, {CodePage::Cp850, "CP850"}, {CodePage::Cp858, "CP858"},
        {CodePage::Cp1252, "CP1252"}, {CodePage::Cp852, "CP852"}, {CodePage::Cp866, "CP866"},
    };
    for (auto [page, charset] : pages) {
        INFO(charset);
        int defined = 0;
        for (int b = 0x80; b <= 0xFF; ++b) {
            INFO("byte " << b);
            const char32_t expected = iconvDecode(charset, static_cast<unsigned char>(b));
            CHECK(decodeByte(page, static_cast<std::uint8_t>(b)) == expected);
            if (expected) {
                ++defined;
                auto back = encodeChar(page, expected);
                REQUIRE(back.has_value());
                CHECK(*back == b);
            }
        }
        CHECK(defined >= 123);  // CP1252 leaves 5 holes; the others none
    }
}

TEST_CASE("escpos.code page facts for French", "[escpos]") {
    // PROTOCOLS.md §1 table.
    for (CodePage p : {CodePage::Cp437, CodePage::Cp850, CodePage::Cp858}) {
        CHECK(encodeChar(p, U'é') == 0x82);
        CHECK(encodeChar(p, U'è') == 0x8A);
        CHECK(encodeChar(p, U'à') == 0x85);
        CHECK(encodeChar(p, U'ç') == 0x87);
        CHECK(encodeChar(p, U'ù') == 0x97);
    }
    CHECK_FALSE(encodeChar(CodePage::Cp437, U'€'));
    CHECK_FALSE(encodeChar(CodePage::Cp850, U'€'));
    CHECK(encodeChar(CodePage::Cp858, U'€') == 0xD5);
    CHECK(encodeChar(CodePage::Cp1252, U'€') == 0x80);
    CHECK(encodeChar(CodePage::Cp1252, U'é') == 0xE9);
    CHECK(encodeChar(CodePage::Cp1252, U'œ') == 0x9C);
    CHECK_FALSE(encodeChar(CodePage::Cp858, U'œ'));
    CHECK(encodeChar(CodePage::Cp866, U'Ж').has_value());
    CHECK(encodeChar(CodePage::Cp852, U'ł').has_value());
    CHECK(encodeChar(CodePage::Cp437, U'A') == 'A');
    CHECK_FALSE(encodeChar(CodePage::Cp437, U'\x1B'));  // controls are never "characters"
}

TEST_CASE("escpos.code page names", "[escpos]") {
    CHECK(codePageFromName("cp858") == CodePage::Cp858);
    CHECK(codePageFromName("CP1252") == CodePage::Cp1252);
    CHECK(codePageFromName("wpc1252") == CodePage::Cp1252);
    CHECK(codePageFromName("866") == CodePage::Cp866);
    CHECK_FALSE(codePageFromName("cp999"));
    CHECK_FALSE(codePageFromName(""));
    CHECK(std::string(codePageName(CodePage::Cp852)) == "cp852");
}
