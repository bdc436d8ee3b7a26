// The body of a simple screen (accessibility, information) in parts that fit above the
// footer, as the wizard's pages do: a kiosk page never scrolls (issue 14). With one part
// nothing is added; with several, "Précédent" · "Partie x sur y" · "Voir la suite" sit at
// the bottom of the body, always at the same place. In landscape, when it takes fewer parts,
// each heading (Block::header) stands in a narrow column to the left of its blocks instead
// of above them.
#pragma once

#include <vector>

#include "ui/core/page.hpp"
#include "ui/core/paged_body.hpp"

namespace guichet::ui {

class PagedColumn {
public:
    // Draws the part on screen of `blocks`, then the part navigation when there are several.
    void draw(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks);
    int part() const { return part_; }
    int parts() const { return parts_; }

private:
    void drawPartButtons(UiContext& ctx, float x, float width, float bottom, float navH, float counterH, float sideW,
                         bool stacked);
    int part_ = 0, parts_ = 1;
};

}  // namespace guichet::ui
