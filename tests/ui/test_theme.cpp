// A9: every text/background pair of every theme meets its WCAG contrast threshold.
#include <catch2/catch.hpp>

#include "ui/core/theme.hpp"

using namespace guichet::ui;

TEST_CASE("ui.contrast ratio matches WCAG reference values", "[ui]") {
    CHECK(contrastRatio(hex(0x000000), hex(0xFFFFFF)) == Approx(21.0));
    CHECK(contrastRatio(hex(0xFFFFFF), hex(0xFFFFFF)) == Approx(1.0));
    CHECK(contrastRatio(hex(0x777777), hex(0xFFFFFF)) == Approx(4.48).epsilon(0.01));  // the classic "just fails 4.5"
    CHECK(contrastRatio(hex(0x767676), hex(0xFFFFFF)) == Approx(4.54).epsilon(0.01));
}

TEST_CASE("ui.every theme's text and control colours meet their contrast thresholds", "[ui]") {
    for (const Palette* p : allPalettes()) {
        auto pairs = contrastPairs(*p);
        REQUIRE(pairs.size() >= 15);
        for (const auto& pair : pairs) {
            double r = contrastRatio(pair.fg, pair.bg);
            INFO(p->name << ": " << pair.what << " = " << r << ":1, needs " << pair.minimum);
            CHECK(r >= pair.minimum);
        }
    }
}

TEST_CASE("ui.high contrast theme reaches 7:1 for every pair", "[ui]") {
    for (const auto& pair : contrastPairs(highContrastPalette())) {
        INFO(pair.what);
        CHECK(contrastRatio(pair.fg, pair.bg) >= 7.0);
    }
}
