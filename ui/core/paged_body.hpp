// A kiosk page never scrolls: what a page holds is cut into sub-pages that fit the real
// body height (screen size, orientation, text size), with "Voir la suite" / "Précédent".
// Each block is measured by drawing it inert and clipped away, then only the blocks of the
// current sub-page are drawn for real.
#pragma once

#include <functional>
#include <vector>

#include "ui/core/ui_context.hpp"

namespace guichet::ui {

struct Block {
    std::function<void()> draw;
    // A question's title: never alone at the bottom of a sub-page; repeated at the top of
    // the next one when its answers go on there.
    bool header = false;
    int group = -1;         // blocks of one question share a group (the header's)
    // A block with no heading of its own (PagedColumn): when headings stand in a left
    // column, it still spans the whole width instead of the settings' narrower column.
    bool wide = false;
    // A heading's width on one line (PagedColumn narrows its heading column to the widest;
    // 0: unknown, the column keeps its default width).
    float lineWidth = 0;
    // The step's instruction: left out rather than alone on a part. When the first question
    // does not fit under it (a fresh scan, the pages kept), a part holding only the
    // instruction above an empty band would be the first thing the resident sees.
    bool optional = false;
};

// Height the block takes in the page flow (cursor advance), without drawing anything visible,
// declaring anything, or growing the page's scroll area.
float measureBlock(UiContext& ctx, const std::function<void()>& draw);

struct SubPage {
    std::vector<int> blocks;  // indexes in the block list, in order (a repeated header included)
};

// Packs blocks greedily into sub-pages of at most `available` height; a block taller than
// a whole sub-page gets one of its own; a first sub-page of only optional blocks is left
// out. Pure: unit-tested with plain heights.
std::vector<SubPage> paginate(const std::vector<float>& heights, const std::vector<Block>& blocks, float available);

}  // namespace guichet::ui
