#include "ui/core/paged_body.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

namespace guichet::ui {

float measureBlock(UiContext& ctx, const std::function<void()>& draw) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec2 maxPos = window->DC.CursorMaxPos;
    const bool inert = ctx.inert;
    ctx.inert = true;  // no input, no accessibility node, no copy of typed text
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(-4, -4), ImVec2(-3, -3), false);  // nothing reaches the screen
    draw();
    dl->PopClipRect();
    const float h = ImGui::GetCursorScreenPos().y - start.y;
    ctx.inert = inert;
    ImGui::SetCursorScreenPos(start);
    window->DC.CursorMaxPos = maxPos;  // measuring must not make the page scrollable
    return h;
}

std::vector<SubPage> paginate(const std::vector<float>& heights, const std::vector<Block>& blocks, float available) {
    std::vector<SubPage> pages;
    SubPage current;
    float used = 0;
    int lastHeader = -1;  // the header of the question being laid out
    const int n = static_cast<int>(blocks.size());
    for (int i = 0; i < n; ++i) {
        if (blocks[i].header) lastHeader = i;
        float h = heights[i];
        // A header goes with its first answer: if both do not fit, start a new sub-page.
        float need = h;
        if (blocks[i].header && i + 1 < n && blocks[i + 1].group == blocks[i].group) need += heights[i + 1];
        // A sub-page holding only this question's title keeps its first answer even when
        // both overflow: a title alone on a page helps no one (the audit reports the overflow).
        bool onlyItsTitle = current.blocks.size() == 1 && blocks[current.blocks[0]].header &&
                            blocks[current.blocks[0]].group == blocks[i].group && !blocks[i].header;
        if (!current.blocks.empty() && used + need > available && !onlyItsTitle) {
            pages.push_back(std::move(current));
            current = {};
            used = 0;
            // The question goes on: its title again on top, so the answers are not orphans.
            if (!blocks[i].header && lastHeader >= 0 && blocks[i].group == blocks[lastHeader].group) {
                current.blocks.push_back(lastHeader);
                used += heights[lastHeader];
            }
        }
        current.blocks.push_back(i);
        used += h;
    }
    if (!current.blocks.empty() || pages.empty()) pages.push_back(std::move(current));
    const bool onlyOptional = std::all_of(pages.front().blocks.begin(), pages.front().blocks.end(),
                                          [&](int i) { return blocks[i].optional; });
    if (pages.size() > 1 && onlyOptional) pages.erase(pages.begin());
    return pages;
}

}  // namespace guichet::ui
