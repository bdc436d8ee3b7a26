// Colours and metrics of the two themes (standard, high contrast) and the WCAG contrast
// maths that the theme test applies to every text/background pair (A9).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/session/accessibility_settings.hpp"

namespace guichet::ui {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    std::uint32_t abgr(std::uint8_t a = 255) const {  // ImGui's ImU32 layout
        return (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(g) << 8) | r;
    }
};
constexpr Rgb hex(std::uint32_t rgb) {
    return Rgb{std::uint8_t(rgb >> 16), std::uint8_t(rgb >> 8), std::uint8_t(rgb)};
}

double relativeLuminance(Rgb c);          // WCAG 2.x definition
double contrastRatio(Rgb a, Rgb b);       // 1 .. 21

struct Palette {
    std::string name;          // "standard", "high-contrast"
    Rgb background;            // page
    Rgb text, textMuted;       // on background
    Rgb headerBg, headerText;  // title bar
    Rgb surface, surfaceText, surfaceBorder;   // tiles, cards, fields
    Rgb primaryBg, primaryText;                // main action buttons
    Rgb accentBg, accentText;                  // the accessibility button
    Rgb selectedBg, selectedText;              // chosen language, toggle "on"
    Rgb alertBg, alertText;                    // the idle warning
    Rgb icon, iconAlt;                         // pictograms on surfaces
    Rgb focusOuter, focusInner;                // the two-tone focus ring
    Rgb scrim;                                 // dims the screen behind an overlay
};

// A pair the contrast test checks, with its WCAG threshold.
struct ContrastPair {
    std::string what;
    Rgb fg, bg;
    double minimum;
};
std::vector<ContrastPair> contrastPairs(const Palette& p);

const Palette& standardPalette();
const Palette& highContrastPalette();
std::vector<const Palette*> allPalettes();
const Palette& paletteFor(const AccessibilitySettings& s);

}  // namespace guichet::ui
