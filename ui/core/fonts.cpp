#include "ui/core/fonts.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <imgui.h>
#include <imgui_freetype.h>

namespace guichet::ui {

namespace fs = std::filesystem;

std::vector<FontChoice> allFontChoices() { return {FontChoice::Sans, FontChoice::Dyslexia, FontChoice::Literacy}; }

Result<FontFiles> fontFilesFor(FontChoice choice, const std::string& fontDir) {
    struct Candidate {
        const char* dir;
        const char* regular;
        const char* bold;
    };
    Candidate c{};
    switch (choice) {
        case FontChoice::Sans:
            c = {"/usr/share/fonts/truetype/noto", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};
            break;
        case FontChoice::Dyslexia:
            c = {"/usr/share/fonts/opentype/opendyslexic", "OpenDyslexic-Regular.otf", "OpenDyslexic-Bold.otf"};
            break;
        case FontChoice::Literacy:
            c = {"/usr/share/fonts/truetype/andika", "Andika-Regular.ttf", "Andika-Bold.ttf"};
            break;
    }
    fs::path dir = fontDir.empty() ? fs::path(c.dir) : fs::path(fontDir);
    FontFiles f{(dir / c.regular).string(), (dir / c.bold).string()};
    for (const auto* p : {&f.regular, &f.bold}) {
        std::error_code ec;
        if (!fs::is_regular_file(*p, ec))
            return makeError(ErrorCode::NotFound, *p + ":0: font file missing (install fonts-noto-core, "
                                                       "fonts-opendyslexic, fonts-sil-andika or fix [terminal] font_dir)");
    }
    return f;
}

const std::vector<unsigned>& requiredCodepoints() {
    static const std::vector<unsigned> cps = {
        0xE9, 0xE8, 0xEA, 0xEB, 0xE0, 0xE2, 0xE7, 0xF9, 0xFB, 0xFC, 0xF4, 0xEE, 0xEF, 0xFF,  // é è ê ë à â ç ù û ü ô î ï ÿ
        0xC9, 0xC8, 0xC0, 0xC7, 0xD4,                                                      // É È À Ç Ô
        0x153, 0x152, 0xE6, 0xC6,                                                          // œ Œ æ Æ
        0xAB, 0xBB, 0x2019, 0x2014, 0x2013, 0x2026, 0x20AC, 0x202F, 0xA0,                  // « » ’ — – … € NNBSP NBSP
        0xF1, 0xD1, 0xBF, 0xA1, 0xE1, 0xED, 0xF3, 0xFA,                                    // es
        0xE4, 0xF6, 0xDF, 0xC4, 0xD6, 0xDC,                                                // de
        0xE3, 0xF5, 0xC3, 0xD5, 0xEC, 0xF2,                                                // pt it
        0xB0, 0xB7,                                                                        // ° ·
    };
    return cps;
}

const unsigned short* glyphRanges() {
    static const ImWchar ranges[] = {
        0x0020, 0x007E,  // ASCII
        0x00A0, 0x017F,  // Latin-1 supplement + Latin Extended-A (œ Œ)
        0x2013, 0x2014,  // – —
        0x2019, 0x2019,  // ’
        0x201C, 0x201E,  // “ ” „
        0x2022, 0x2022,  // •
        0x2026, 0x2026,  // …
        0x202F, 0x202F,  // narrow no-break space (French typography: « x », 10 €)
        0x20AC, 0x20AC,  // €
        0,
    };
    return ranges;
}

float capHeightPerLine(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, float> cache;  // a font file does not change while we run
    std::lock_guard lock(mutex);
    if (auto it = cache.find(path); it != cache.end()) return it->second;
    float ratio = 0;
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) == 0) {
        FT_Face face = nullptr;
        if (FT_New_Face(lib, path.c_str(), 0, &face) == 0) {
            // The line height FreeType sizes by (FT_SIZE_REQUEST_TYPE_REAL_DIM, what ImGui
            // asks for) is ascender - descender, in font units like the glyph's height.
            int line = face->ascender - face->descender;
            if (line > 0 && FT_Load_Char(face, 'H', FT_LOAD_NO_SCALE) == 0)
                ratio = static_cast<float>(face->glyph->metrics.height) / static_cast<float>(line);
            FT_Done_Face(face);
        }
        FT_Done_FreeType(lib);
    }
    cache[path] = ratio;
    return ratio;
}

FontSizes fontSizesFor(float unit, float textScale, float faceFactor) {
    // The size ImGui takes is the line height; `faceFactor` brings another face to Noto
    // Sans's cap height (OpenDyslexic's tall line box makes its capitals look ~20 % smaller
    // at the same size).
    float s = unit * faceFactor;
    // Headings grow less than body text: they are already large; what must grow is the
    // running text (A8) without pushing content off a 1080 px wide screen.
    float headingScale = 1.0f + (textScale - 1.0f) * 0.6f;
    return FontSizes{
        .body = std::round(34.0f * s * textScale),
        .bold = std::round(34.0f * s * textScale),
        .heading = std::round(46.0f * s * headingScale),
        .title = std::round(58.0f * s * headingScale),
    };
}

Result<FontSet> buildFonts(ImFontAtlas& atlas, FontChoice choice, float unit, float textScale,
                           const std::string& fontDir) {
    auto files = fontFilesFor(choice, fontDir);
    if (!files) return files.error();
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas.TexGlyphPadding = 1;
    // Sized by cap height (PITFALLS.md): never smaller than the standard font (issue 14).
    float faceFactor = 1.0f;
    if (choice != FontChoice::Sans) {
        if (auto standard = fontFilesFor(FontChoice::Sans, fontDir)) {
            float ours = capHeightPerLine(files->regular), ref = capHeightPerLine(standard->regular);
            if (ours > 0 && ref > 0) faceFactor = std::max(1.0f, ref / ours);
        }
    }
    FontSet set;
    set.sizes = fontSizesFor(unit, textScale, faceFactor);
    set.choice = choice;
    set.unit = unit;
    set.textScale = textScale;
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    // OpenDyslexic lacks a few typographic characters (U+202F, the narrow no-break space
    // of French punctuation): Noto Sans fills in only what the chosen face does not have.
    Result<FontFiles> fallback = choice == FontChoice::Sans ? Result<FontFiles>(makeError(ErrorCode::NotFound, ""))
                                                            : fontFilesFor(FontChoice::Sans, fontDir);
    auto load = [&](const std::string& path, const std::string& fill, float size) -> ImFont* {
        ImFont* f = atlas.AddFontFromFileTTF(path.c_str(), size, &cfg, glyphRanges());
        if (f && !fill.empty()) {
            ImFontConfig merge = cfg;
            merge.MergeMode = true;
            atlas.AddFontFromFileTTF(fill.c_str(), size, &merge, glyphRanges());
        }
        return f;
    };
    std::string fillRegular = fallback ? fallback->regular : std::string();
    std::string fillBold = fallback ? fallback->bold : std::string();
    set.body = load(files->regular, fillRegular, set.sizes.body);
    set.bold = load(files->bold, fillBold, set.sizes.bold);
    set.heading = load(files->bold, fillBold, set.sizes.heading);
    set.title = load(files->bold, fillBold, set.sizes.title);
    if (!set.body || !set.bold || !set.heading || !set.title)
        return makeError(ErrorCode::Corrupt, files->regular + ":0: font could not be loaded");
    if (!atlas.Build()) return makeError(ErrorCode::Corrupt, files->regular + ":0: font atlas build failed");
    return set;
}

}  // namespace guichet::ui
