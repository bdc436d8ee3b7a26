#include "ui/core/paged_column.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {

bool PagedColumn::draw(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks, const FinalAction* final) {
    const float x = ImGui::GetCursorScreenPos().x;
    const float startY = ImGui::GetCursorScreenPos().y;
    const float width = page.contentWidth();
    const float gap = ctx.px(20);
    const float navH = std::max(ctx.px(104), ctx.fonts.bold->FontSize + ctx.px(48));
    // The lowest a control may end without making the body scroll (PageScope's own margins).
    const float bottom = page.layout().bodyMax.y - ctx.px(36) - ctx.px(24) - ctx.px(12);
    ButtonStyle nav;
    nav.kind = ButtonKind::Secondary;
    nav.font = ctx.fonts.bold;
    ImFont* f = ctx.fonts.body;
    auto textW = [](ImFont* font, const std::string& s) { return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.c_str()).x; };
    // Each arrow as wide as its label on one line (a "Voir la / suite" cut in two reads
    // badly at 200 %), at least 30 % of the column. When the two arrows and "Partie x sur y"
    // do not fit on one row (200 % in portrait), the counter goes on its own line above.
    const float pad = ctx.px(28);
    const float widest = std::max(textW(nav.font, _("Précédent")), textW(nav.font, _("Voir la suite"))) + 2 * pad + ctx.px(4);
    const float counterMax = textW(f, std::string(_("Partie")) + " 99 " + _("sur") + " 99");
    float sideW = std::max((width - 2 * gap) * 0.3f, widest);
    const bool stacked = 2 * sideW + counterMax + 4 * gap > width;
    if (stacked) sideW = std::min(widest, (width - gap) * 0.5f);
    const float counterH = stacked ? f->FontSize + ctx.px(16) : 0.0f;
    const float navBlockH = navH + counterH;

    // In landscape, when it takes fewer parts, each heading goes in a narrow column on the
    // left, beside its settings, instead of above them (issue 14: at 200 % in landscape the
    // accessibility screen took 5 parts, the first holding the text size above an empty
    // band; two columns of settings do not help there, a setting's label wraps to 2 to 4
    // lines in half the width). Every block is measured at the width it will get.
    const float fullAvail = bottom - startY, navAvail = bottom - navBlockH - ctx.px(24) - startY;
    const float sideGap = ctx.px(40);
    // The heading column as narrow as its longest heading on one line allows (at most 28 %):
    // every pixel it gives up widens the settings (the dyslexia font's chips at 200 % need it).
    float headingW = 0;
    for (const auto& b : blocks)
        if (b.header) headingW = std::max(headingW, b.lineWidth > 0 ? b.lineWidth : width);
    const float headW = std::floor(std::clamp(headingW + ctx.px(8), width * 0.18f, width * 0.28f));
    const float bodyX = x + headW + sideGap, bodyW = width - headW - sideGap;
    auto measureAt = [&](const Block& b, float w) {
        ImGui::PushItemWidth(w);
        float h = measureBlock(ctx, b.draw);
        ImGui::PopItemWidth();
        return h;
    };
    auto cut = [&](const std::vector<float>& heights) {
        auto parts = paginate(heights, blocks, fullAvail);
        return parts.size() > 1 ? paginate(heights, blocks, navAvail) : parts;
    };
    // The closing action as a block of the flow: kept only when everything fits one part.
    bool finalHit = false;
    auto drawFinalInFlow = [&] {
        ButtonStyle st;
        st.kind = ButtonKind::Primary;
        st.icon = final->icon;
        ImGui::Dummy(ImVec2(1, ctx.px(12)));
        if (bigButton(ctx, final->id, final->label, st)) finalHit = true;
    };
    // With a closing action, the cut is made for the navigation row unless everything,
    // the action included, fits one part.
    const float finalH = final ? measureBlock(ctx, drawFinalInFlow) : 0.0f;
    struct Plan {
        std::vector<SubPage> parts;
        bool finalInFlow = false;
    };
    auto plan = [&](const std::vector<float>& heights) {
        Plan p;
        if (!final) {
            p.parts = cut(heights);
            return p;
        }
        float total = finalH;
        for (float h : heights) total += h;
        p.finalInFlow = total <= fullAvail;
        p.parts = paginate(heights, blocks, p.finalInFlow ? fullAvail : navAvail);
        return p;
    };
    // A part taller than the room it has (a block that alone overflows it) runs under the
    // part buttons: such a layout is the last choice.
    auto overflows = [&](const Plan& p, const std::vector<float>& heights) {
        const float room = p.parts.size() > 1 || (final && !p.finalInFlow) ? navAvail : fullAvail;
        for (const auto& part : p.parts) {
            float used = 0;
            for (int i : part.blocks) used += heights[i];
            if (used > room + 0.5f) return true;
        }
        return false;
    };
    std::vector<float> heights;
    for (const auto& b : blocks) heights.push_back(measureBlock(ctx, b.draw));
    Plan chosen = plan(heights);
    bool beside = false;
    const bool whole = chosen.parts.size() == 1 && (!final || chosen.finalInFlow);
    if (!ctx.portrait() && !whole) {
        // A heading beside its settings takes no height of its own, unless it is taller
        // than the setting it stands beside.
        std::vector<float> side(blocks.size(), 0.0f);
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (blocks[i].header) continue;
            side[i] = measureAt(blocks[i], blocks[i].wide ? width : bodyW);
            const bool firstOfGroup = i > 0 && blocks[i - 1].header && blocks[i - 1].group == blocks[i].group;
            if (firstOfGroup) side[i] = std::max(side[i], measureAt(blocks[i - 1], headW));
        }
        Plan sidePlan = plan(side);
        const bool sideFits = !overflows(sidePlan, side), flowFits = !overflows(chosen, heights);
        if ((sideFits && !flowFits) ||
            (sideFits && (sidePlan.parts.size() < chosen.parts.size() ||
                          (sidePlan.parts.size() == chosen.parts.size() && sidePlan.finalInFlow && !chosen.finalInFlow)))) {
            chosen = std::move(sidePlan);
            beside = true;
        }
    }
    auto& parts = chosen.parts;
    parts_ = static_cast<int>(parts.size());
    part_ = std::clamp(part_, 0, parts_ - 1);
    if (!beside) {
        for (int i : parts[part_].blocks) blocks[i].draw();
    } else {
        float y = startY, headEnd = startY;
        for (int i : parts[part_].blocks) {
            const bool head = blocks[i].header, wide = blocks[i].wide;
            ImGui::SetCursorScreenPos(ImVec2(head || wide ? x : bodyX, y));
            ImGui::PushItemWidth(head ? headW : wide ? width : bodyW);
            blocks[i].draw();
            ImGui::PopItemWidth();
            const float end = ImGui::GetCursorScreenPos().y;
            if (head) {
                headEnd = end;  // the next setting starts on the heading's line
            } else {
                y = std::max(end, headEnd);
                headEnd = y;
            }
        }
        ImGui::SetCursorScreenPos(ImVec2(x, std::max(y, headEnd)));
        ImGui::Dummy(ImVec2(1, 0));
    }
    if (parts_ > 1 || (final && !chosen.finalInFlow))
        return drawPartButtons(ctx, x, width, bottom, navH, counterH, sideW, stacked, final) || finalHit;
    if (final) drawFinalInFlow();
    return finalHit;
}

bool PagedColumn::drawPartButtons(UiContext& ctx, float x, float width, float bottom, float navH, float counterH,
                                  float sideW, bool stacked, const FinalAction* final) {
    ButtonStyle nav;
    nav.kind = ButtonKind::Secondary;
    nav.font = ctx.fonts.bold;
    ImFont* f = ctx.fonts.body;
    auto textW = [](ImFont* font, const std::string& s) { return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.c_str()).x; };

    // Always at the same place: pushed down by an oversized part it would make the body
    // scroll, the arrows' column would narrow it, the parts would change under the finger.
    const float navY = bottom - navH;
    // The same ids as the wizard's, so scenarios and the window player turn parts alike.
    if (part_ > 0 && button(ctx, "previous##page", _("Précédent"), ImVec2(x, navY), ImVec2(sideW, navH), nav)) {
        --part_;
        ctx.requestFrame();
    }
    if (part_ + 1 < parts_ &&
        button(ctx, "more##page", _("Voir la suite"), ImVec2(x + width - sideW, navY), ImVec2(sideW, navH), nav)) {
        ++part_;
        ctx.requestFrame();
    }
    bool hit = false;
    if (final && part_ + 1 == parts_) {
        ButtonStyle st;
        st.kind = ButtonKind::Primary;
        st.font = ctx.fonts.bold;
        hit = button(ctx, final->id, final->label, ImVec2(x + width - sideW, navY), ImVec2(sideW, navH), st);
    }
    if (parts_ < 2) {  // one part, the closing action in the row: no "Partie 1 sur 1"
        ImGui::SetCursorScreenPos(ImVec2(x, navY + navH));
        ImGui::Dummy(ImVec2(1, 0));
        return hit;
    }
    const std::string where = std::string(_("Partie")) + " " + std::to_string(part_ + 1) + " " + _("sur") + " " +
                              std::to_string(parts_);
    const float tw = textW(f, where);
    const float textY = stacked ? navY - counterH : navY + (navH - f->FontSize) * 0.5f;
    const ImVec2 tp(std::floor(x + (width - tw) * 0.5f), std::floor(textY));
    ImGui::GetWindowDrawList()->AddText(f, f->FontSize, tp, col(ctx.colors().textMuted), where.c_str());
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "subpage";
        n.role = a11y::Role::Text;
        n.label = where;
        n.rect = {tp.x, tp.y, tw, f->FontSize};
        ctx.tree.add(std::move(n));
    }
    ImGui::SetCursorScreenPos(ImVec2(x, navY + navH));
    ImGui::Dummy(ImVec2(1, 0));
    return hit;
}

}  // namespace guichet::ui
