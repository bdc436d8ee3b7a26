#include "ui/core/paged_column.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {

void PagedColumn::draw(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks) {
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

    std::vector<float> heights;
    heights.reserve(blocks.size());
    for (const auto& b : blocks) heights.push_back(measureBlock(ctx, b.draw));
    auto parts = paginate(heights, blocks, bottom - startY);
    if (parts.size() > 1) parts = paginate(heights, blocks, bottom - navBlockH - ctx.px(24) - startY);
    parts_ = static_cast<int>(parts.size());
    part_ = std::clamp(part_, 0, parts_ - 1);
    for (int i : parts[part_].blocks) blocks[i].draw();
    if (parts_ == 1) return;

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
}

}  // namespace guichet::ui
