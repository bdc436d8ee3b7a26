#include <catch2/catch.hpp>

#include "drivers/common/bytes.hpp"

using namespace guichet;

TEST_CASE("common.hex round-trips with and without separators", "[common]") {
    Bytes b{0x3B, 0xF2, 0x18, 0x00};
    CHECK(toHex(b) == "3B F2 18 00");
    CHECK(toHex(b, false) == "3BF21800");
    CHECK(fromHex("3B F2 18 00") == b);
    CHECK(fromHex("3bf21800") == b);
    CHECK(fromHex("3B:F2:18:00") == b);
}

TEST_CASE("common.hex rejects odd digits and non-hex characters", "[common]") {
    CHECK_FALSE(fromHex("3B F").has_value());
    CHECK_FALSE(fromHex("3 B").has_value());
    CHECK_FALSE(fromHex("zz").has_value());
    CHECK(fromHex("")->empty());
}

TEST_CASE("common.secureWipe zeroes the memory and empties the container", "[common]") {
    std::string s = "Dupont Marie";
    char* raw = s.data();
    std::size_t n = s.size();
    secureWipe(raw, n);
    for (std::size_t i = 0; i < n; ++i) CHECK(raw[i] == '\0');
    std::string t = "secret";
    secureWipe(t);
    CHECK(t.empty());
}
