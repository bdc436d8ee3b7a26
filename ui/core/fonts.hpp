// The fonts residents read: Noto Sans (or OpenDyslexic / Andika, A24) from Debian's
// packages, rasterised by FreeType at the exact pixel size shown — the atlas is rebuilt
// when the text size or font changes, never scaled (no blurry FontGlobalScale).
#pragma once

#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/session/accessibility_settings.hpp"

struct ImFont;
struct ImFontAtlas;

namespace guichet::ui {

struct FontFiles {
    std::string regular;
    std::string bold;
};

// Where each font choice lives; `fontDir` overrides the Debian folders (config/tests).
// Errors name the missing file.
Result<FontFiles> fontFilesFor(FontChoice choice, const std::string& fontDir = {});
std::vector<FontChoice> allFontChoices();

// Code points every font must draw: French in full (A: é è à ç ù ô œ Œ « » ’ — € and
// U+202F), the other five languages, and the punctuation the screens use.
const std::vector<unsigned>& requiredCodepoints();
// The glyph ranges handed to ImGui (zero-terminated pairs).
const unsigned short* glyphRanges();

// Pixel sizes at a given layout unit (screen short side / 1080) and text scale.
struct FontSizes {
    float body, bold, heading, title;
};
// `faceFactor` scales a face to the standard font's cap height (1 for Noto Sans).
FontSizes fontSizesFor(float unit, float textScale, float faceFactor = 1.0f);
// Cap height over line height of a font file ('H' against ascender - descender); 0 when
// the file cannot be read.
float capHeightPerLine(const std::string& path);

struct FontSet {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    FontSizes sizes{};
    FontChoice choice = FontChoice::Sans;
    float unit = 0, textScale = 0;
};

// Clears `atlas` and loads the four faces at their sizes; the caller re-uploads the
// texture. Errors name the file that could not be loaded.
Result<FontSet> buildFonts(ImFontAtlas& atlas, FontChoice choice, float unit, float textScale,
                           const std::string& fontDir = {});

}  // namespace guichet::ui
