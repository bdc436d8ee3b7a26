#include "ui/core/theme.hpp"

#include <cmath>

namespace guichet::ui {

double relativeLuminance(Rgb c) {
    auto lin = [](std::uint8_t v) {
        double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrastRatio(Rgb a, Rgb b) {
    double la = relativeLuminance(a), lb = relativeLuminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

const Palette& standardPalette() {
    // A calm public-service look: navy header, light page, pale blue tiles, a yellow
    // accessibility button that stands out without relying on colour alone.
    static const Palette p{
        .name = "standard",
        .background = hex(0xF4F6FA),
        .text = hex(0x0F1D33),
        .textMuted = hex(0x3B4A60),
        .headerBg = hex(0x00376E),
        .headerText = hex(0xFFFFFF),
        .surface = hex(0xE3EBF6),
        .surfaceText = hex(0x0F1D33),
        .surfaceBorder = hex(0x6A7C96),
        .primaryBg = hex(0x00376E),
        .primaryText = hex(0xFFFFFF),
        .accentBg = hex(0xFFD400),
        .accentText = hex(0x0F1D33),
        .selectedBg = hex(0x00376E),
        .selectedText = hex(0xFFFFFF),
        .alertBg = hex(0xFFFFFF),
        .alertText = hex(0x8A1020),
        .icon = hex(0x00376E),
        .iconAlt = hex(0xC8102E),
        .focusOuter = hex(0x0F1D33),
        .focusInner = hex(0xFFD400),
        .scrim = hex(0x0F1D33),
    };
    return p;
}

const Palette& highContrastPalette() {
    // Black and white with yellow actions: every pair at least 7:1 (A9).
    static const Palette p{
        .name = "high-contrast",
        .background = hex(0x000000),
        .text = hex(0xFFFFFF),
        .textMuted = hex(0xF0F0F0),
        .headerBg = hex(0x000000),
        .headerText = hex(0xFFFF00),
        .surface = hex(0x000000),
        .surfaceText = hex(0xFFFFFF),
        .surfaceBorder = hex(0xFFFFFF),
        .primaryBg = hex(0xFFFF00),
        .primaryText = hex(0x000000),
        .accentBg = hex(0xFFFF00),
        .accentText = hex(0x000000),
        .selectedBg = hex(0xFFFFFF),
        .selectedText = hex(0x000000),
        .alertBg = hex(0x000000),
        .alertText = hex(0xFFFF00),
        .icon = hex(0xFFFFFF),
        .iconAlt = hex(0xFFFF00),
        .focusOuter = hex(0x00FFFF),
        .focusInner = hex(0x000000),
        .scrim = hex(0x000000),
    };
    return p;
}

std::vector<const Palette*> allPalettes() { return {&standardPalette(), &highContrastPalette()}; }

const Palette& paletteFor(const AccessibilitySettings& s) {
    return s.highContrast ? highContrastPalette() : standardPalette();
}

std::vector<ContrastPair> contrastPairs(const Palette& p) {
    // High contrast promises 7:1 for text (A9); standard text 4.5:1. Non-text (borders,
    // icons, focus ring against what surrounds it) needs 3:1 (WCAG 1.4.11) — 7:1 in HC.
    bool hc = p.name == "high-contrast";
    double text = hc ? 7.0 : 4.5, ui = hc ? 7.0 : 3.0;
    return {
        {"text on background", p.text, p.background, text},
        {"muted text on background", p.textMuted, p.background, text},
        {"header text on header", p.headerText, p.headerBg, text},
        {"tile text on tile", p.surfaceText, p.surface, text},
        {"muted text on tile", p.textMuted, p.surface, text},
        {"primary button text", p.primaryText, p.primaryBg, text},
        {"accent button text", p.accentText, p.accentBg, text},
        {"selected text", p.selectedText, p.selectedBg, text},
        {"alert text", p.alertText, p.alertBg, text},
        {"text on background card (alert body)", p.text, p.background, text},
        {"tile border on background", p.surfaceBorder, p.background, ui},
        {"icon on tile", p.icon, p.surface, ui},
        {"second icon colour on tile", p.iconAlt, p.surface, ui},
        {"focus ring on background", p.focusOuter, p.background, ui},
        {"focus ring on tile", p.focusOuter, p.surface, ui},
        {"focus ring inner on outer", p.focusInner, p.focusOuter, ui},
        {"primary button against background", p.primaryBg, p.background, ui},
        {"selected chip against background", p.selectedBg, p.background, ui},
    };
}

}  // namespace guichet::ui
