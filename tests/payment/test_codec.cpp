// The Caisse-AP codec, byte for byte: every tag a payment uses, every value length 0-999,
// malformed lengths, non-ASCII and control bytes, truncation, unknown tags.
#include <catch2/catch.hpp>

#include "drivers/payment/caisse_ap_message.hpp"
#include "drivers/payment/caisse_ap_tags.hpp"

using namespace guichet;
using namespace guichet::payment;

TEST_CASE("payment.codec_encodes_a_request_byte_exact", "[payment]") {
    Message m;
    m.set("CJ", "012345678901").set("CA", "01").set("CE", "978").set("CB", "1250").set("CD", "0").set("BA", "0");
    m.set("CZ", "0300");  // set last: the encoder still puts the version first
    auto bytes = encode(m);
    REQUIRE(bytes);
    CHECK(*bytes == "CZ0040300CJ012012345678901CA00201CE003978CB0041250CD0010BA0010");
}

TEST_CASE("payment.codec_round_trips_every_tag", "[payment]") {
    const std::vector<std::pair<std::string, std::string>> fields = {
        {"CZ", "0300"}, {"CJ", "012345678901"}, {"CA", "01"}, {"CB", "1250"}, {"CD", "0"}, {"CE", "978"},
        {"BA", "0"},    {"AE", "10"},           {"AF", "04"}, {"AC", "123456"}, {"AA", "497010######4242"},
        {"AB", "2812"}, {"AI", "A0000000421010"}, {"CC", "00B"}, {"CI", "2"}, {"CG", "4242424"}};
    for (const auto& [t, v] : fields) {
        INFO(t);
        CHECK(tag::describe(t).has_value());
        Message m;
        m.set("CZ", "0300");
        if (t != "CZ") m.set(t, v);
        auto bytes = encode(m);
        REQUIRE(bytes);
        const std::string len = std::string(3 - std::to_string(v.size()).size(), '0') + std::to_string(v.size());
        if (t != "CZ") CHECK(*bytes == "CZ0040300" + t + len + v);
        auto back = decode(*bytes);
        REQUIRE(back);
        REQUIRE(back->get(t));
        CHECK(*back->get(t) == v);
    }
}

TEST_CASE("payment.codec_every_length_0_to_999", "[payment]") {
    for (std::size_t n = 0; n <= 999; ++n) {
        const std::string value(n, static_cast<char>('A' + n % 26));
        char len[4];
        std::snprintf(len, sizeof len, "%03zu", n);
        const std::string wire = "CZ0040300XY" + std::string(len) + value;
        auto m = decode(wire);
        REQUIRE(m);  // 000 is tolerated on input: an empty value
        REQUIRE(m->get("XY"));
        CHECK(m->get("XY")->size() == n);
        Message out;
        out.set("CZ", "0300").set("XY", value);
        auto enc = encode(out);
        if (n == 0) {
            REQUIRE_FALSE(enc);  // never sent: public implementations require 1..999
            CHECK(enc.error().message.find("empty") != std::string::npos);
        } else {
            REQUIRE(enc);
            CHECK(*enc == wire);
        }
    }
    Message tooLong;
    tooLong.set("CZ", "0300").set("XY", std::string(1000, 'A'));
    auto r = encode(tooLong);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("more than 999") != std::string::npos);
}

TEST_CASE("payment.codec_refuses_malformed_lengths", "[payment]") {
    for (const char* wire : {"CZ0040300CB12A1250", "CZ0040300CB 041250", "CZ0040300CB-041250", "CZ04 0300"}) {
        INFO(wire);
        auto m = decode(wire);
        REQUIRE_FALSE(m);
        CHECK(m.error().code == ErrorCode::Protocol);
        CHECK(m.error().message.find("3 decimal digits") != std::string::npos);
        CHECK(scanFields(wire).state == ScanState::Malformed);
    }
    // A length that runs past the end: truncated, never read beyond the buffer.
    auto t = decode("CZ0040300CB0101250");
    REQUIRE_FALSE(t);
    CHECK(t.error().message.find("truncated") != std::string::npos);
    CHECK(scanFields("CZ0040300CB0101250").state == ScanState::Incomplete);
    CHECK(scanFields("CZ0040300CB01").state == ScanState::Incomplete);
    CHECK(scanFields("CZ0040300C").state == ScanState::Incomplete);
    CHECK(scanFields("CZ0040300").state == ScanState::Complete);
}

TEST_CASE("payment.codec_refuses_non_ascii_and_control_bytes", "[payment]") {
    const std::string euro = "CZ0040300XY003\xE2\x82\xAC";
    auto m = decode(euro);
    REQUIRE_FALSE(m);
    CHECK(m.error().message.find("non-ASCII byte 0xE2") != std::string::npos);
    CHECK(m.error().message.find("at byte 14") != std::string::npos);
    auto c = decode(std::string("CZ0040300XY002A\x03", 16));
    REQUIRE_FALSE(c);
    CHECK(c.error().message.find("control byte 0x03") != std::string::npos);
    auto nul = decode(std::string("CZ0040300XY002A\0", 16));
    REQUIRE_FALSE(nul);
    auto badTag = decode("CZ0040300c\xC3\x00" "11");
    REQUIRE_FALSE(badTag);
    CHECK(badTag.error().message.find("tag character") != std::string::npos);
    Message out;
    out.set("CZ", "0300").set("XY", "caf\xC3\xA9");
    auto enc = encode(out);
    REQUIRE_FALSE(enc);
    CHECK(enc.error().message.find("0xC3") != std::string::npos);
}

TEST_CASE("payment.codec_refuses_structural_faults", "[payment]") {
    CHECK_FALSE(decode(""));
    auto first = decode("CB0041250CZ0040300");
    REQUIRE_FALSE(first);
    CHECK(first.error().message.find("not the version CZ") != std::string::npos);
    auto dup = decode("CZ0040300CB0041250CB0041250");
    REQUIRE_FALSE(dup);
    CHECK(dup.error().message.find("appears twice") != std::string::npos);
    Message noVersion;
    noVersion.set("CB", "1250");
    CHECK_FALSE(encode(noVersion));
    Message badTag;
    badTag.set("CZ", "0300").set("cb", "1250");
    CHECK_FALSE(encode(badTag));
    Message three;
    three.set("CZ", "0300").set("CBX", "1250");
    CHECK_FALSE(encode(three));
}

TEST_CASE("payment.codec_keeps_unknown_tags", "[payment]") {
    auto m = decode("CZ0040300ZZ003abcAE00210Q9000");
    REQUIRE(m);
    REQUIRE(m->fields().size() == 4);
    CHECK(*m->get("ZZ") == "abc");
    CHECK(*m->get("Q9") == "");
    CHECK(*m->get("AE") == "10");
    CHECK_FALSE(tag::describe("ZZ").has_value());
}
