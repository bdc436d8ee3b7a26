// Pictograms drawn as vector shapes at any size and in any theme colour (no bitmaps to
// blur at 200 %): one name per concept, shared by the home tiles and the other areas.
#pragma once

#include <string_view>
#include <vector>

#include <imgui.h>

namespace guichet::ui {

// Draws `name` centred at `c` in a square of side `s`. `fg` main colour, `alt` second colour
// (a red accent in the standard theme), `bg` the surface behind (for cut-outs).
// Unknown names draw a neutral rounded square, never nothing.
void drawIcon(ImDrawList* dl, std::string_view name, ImVec2 c, float s, ImU32 fg, ImU32 alt, ImU32 bg);
std::vector<std::string_view> iconNames();

}  // namespace guichet::ui
