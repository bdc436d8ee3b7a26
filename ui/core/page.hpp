// The standard page every screen shares: a header (town, page title), a scrolling body,
// and a footer with Retour / Accueil / Aide / Accessibilité. In the reach layout the header
// grows so that every control sits in the lower part of the screen (A: reach, EN 8.3).
#pragma once

#include <string_view>

#include <imgui.h>

#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui {

struct PageSpec {
    std::string_view title;          // large, in the header; declared as the heading
    std::string_view subtitle;       // one line under it (the instruction)
    bool back = true;
    bool home = true;
    bool help = true;
    bool accessibility = true;
    bool footer = true;              // false: the screen draws its own footer (home)…
    float customFooterHeight = 0;    // …in this much space reserved at the bottom
};

struct PageLayout {
    ImVec2 headerMin, headerMax;
    ImVec2 bodyMin, bodyMax;
    ImVec2 footerMin, footerMax;
    float margin;
};
PageLayout pageLayout(const UiContext& ctx, bool withFooter, float customFooterHeight = 0,
                      std::string_view title = {}, std::string_view subtitle = {});

class PageScope {
public:
    PageScope(UiContext& ctx, const PageSpec& spec);
    ~PageScope();
    // Ends the body and draws the footer; returns the footer's intent (Back, Home, …).
    Intent finish();
    const PageLayout& layout() const { return layout_; }
    float contentWidth() const;

private:
    UiContext& ctx_;
    PageSpec spec_;
    PageLayout layout_;
    bool open_ = true;
    bool scrolls_ = false;  // the body was taller than the screen last frame: arrows shown
};

// The footer's accessibility button: opens the accessibility screen (A12).
bool accessibilityButton(UiContext& ctx, ImVec2 pos, ImVec2 size);
void drawHeader(UiContext& ctx, const PageLayout& l, std::string_view title, std::string_view subtitle);

}  // namespace guichet::ui
