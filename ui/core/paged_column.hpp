// The body of a simple screen (accessibility, information) in parts that fit above the
// footer, as the wizard's pages do: a kiosk page never scrolls (issue 14). With one part
// nothing is added; with several, "Précédent" · "Partie x sur y" · "Voir la suite" sit at
// the bottom of the body, always at the same place. In landscape, when it takes fewer parts,
// each heading (Block::header) stands in a narrow column to the left of its blocks instead
// of above them (a Block::wide block keeps the whole width).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ui/core/page.hpp"
#include "ui/core/paged_body.hpp"

namespace guichet::ui {

// The screen's closing action ("C'est bon"): the last thing in the flow when everything
// fits one part; in a page of parts, in the navigation row of the last part, where "Voir
// la suite" stood, so that it takes no part of its own.
struct FinalAction {
    const char* id;
    std::string label;
    std::string_view icon;
};

class PagedColumn {
public:
    // Draws the part on screen of `blocks`, then the part navigation when there are several.
    // Returns true when `final` (if given) was activated.
    bool draw(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks, const FinalAction* final = nullptr);
    int part() const { return part_; }
    int parts() const { return parts_; }

private:
    bool drawPartButtons(UiContext& ctx, float x, float width, float bottom, float navH, float counterH, float sideW,
                         bool stacked, const FinalAction* final);
    int part_ = 0, parts_ = 1;
};

}  // namespace guichet::ui
