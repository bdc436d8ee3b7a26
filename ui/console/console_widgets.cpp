#include "ui/console/console_widgets.hpp"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui::console_ui {
namespace {

struct Pill {
    Rgb bg, fg;
};
// Contrast of each pair >= 4.5:1 (white on the green and the red, near-black on the amber).
Pill pillFor(const UiContext& ctx, Level level) {
    switch (level) {
        case Level::Ok: return {hex(0x1B6E2E), hex(0xFFFFFF)};
        case Level::Watch: return {hex(0xF2C200), hex(0x1A1A1A)};
        case Level::Failing: return {hex(0xB00020), hex(0xFFFFFF)};
        case Level::Neutral: break;
    }
    return {ctx.colors().surface, ctx.colors().surfaceText};
}

}  // namespace

void statusRow(UiContext& ctx, std::string_view what, std::string_view state, Level level, std::string_view detail) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto& p = ctx.colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
    ImFont* bold = ctx.fonts.bold;
    ImFont* body = ctx.fonts.body;
    float padX = ctx.px(20), padY = ctx.px(8), gap = ctx.px(24);
    std::string stateText(state);
    float pillW = std::min(w, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, stateText.c_str()).x + 2 * padX);
    float labelW = measureWrappedText(body, w, what).x;
    // Label and state side by side when both fit, else the state under its label.
    bool sideBySide = labelW + gap + pillW <= w;
    float labelH = drawWrappedText(dl, body, pos, sideBySide ? w - pillW - gap : w, col(p.text), what, false);
    ImVec2 pillPos = sideBySide ? ImVec2(pos.x + w - pillW, pos.y) : ImVec2(pos.x, pos.y + labelH + ctx.px(6));
    float pillTextH = measureWrappedText(bold, pillW - 2 * padX, stateText).y;
    float pillH = pillTextH + 2 * padY;
    Pill pill = pillFor(ctx, level);
    dl->AddRectFilled(pillPos, ImVec2(pillPos.x + pillW, pillPos.y + pillH), col(pill.bg), ctx.px(10));
    if (level == Level::Neutral)
        dl->AddRect(pillPos, ImVec2(pillPos.x + pillW, pillPos.y + pillH), col(p.surfaceBorder), ctx.px(10), 0, ctx.px(2));
    drawWrappedText(dl, bold, ImVec2(pillPos.x + padX, pillPos.y + padY), pillW - 2 * padX, col(pill.fg), stateText, true);
    float h = sideBySide ? std::max(labelH, pillH) : labelH + ctx.px(6) + pillH;
    // The detail after the label on the same line when it fits (one line a row), else under it.
    float detailW = detail.empty() ? 0 : measureWrappedText(body, w, detail).x;
    bool inlineDetail = sideBySide && !detail.empty() && labelW + gap + detailW + gap + pillW <= w;
    if (inlineDetail) {
        drawWrappedText(dl, body, ImVec2(pos.x + labelW + gap, pos.y), detailW + 1, col(p.textMuted), detail, false);
    } else if (!detail.empty()) {
        h += ctx.px(6);
        h += drawWrappedText(dl, body, ImVec2(pos.x, pos.y + h), w, col(p.textMuted), detail, false);
    }
    // A hairline between rows: the eye follows a row from its name to its state.
    dl->AddLine(ImVec2(pos.x, pos.y + h + ctx.px(10)), ImVec2(pos.x + w, pos.y + h + ctx.px(10)), col(p.surfaceBorder),
                ctx.px(1));
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "status:" + std::string(what);
        n.role = a11y::Role::Text;
        n.label = std::string(what) + " : " + stateText + (detail.empty() ? "" : ". " + std::string(detail));
        n.rect = {pos.x, pos.y, w, h};
        ctx.tree.add(std::move(n));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(22)));
    ImGui::Dummy(ImVec2(1, 0));
}

std::string durationText(std::int64_t s) {
    char buf[64];
    s = std::max<std::int64_t>(0, s);
    if (s < 120) std::snprintf(buf, sizeof buf, _("%lld s"), static_cast<long long>(s));
    else if (s < 7200) std::snprintf(buf, sizeof buf, _("%lld min"), static_cast<long long>(s / 60));
    else if (s < 2 * 86400)
        std::snprintf(buf, sizeof buf, _("%lld h %02lld min"), static_cast<long long>(s / 3600),
                      static_cast<long long>((s % 3600) / 60));
    else std::snprintf(buf, sizeof buf, _("%lld jours"), static_cast<long long>(s / 86400));
    return buf;
}

std::string gigabytes(std::uintmax_t bytes) {
    char buf[32];
    double g = static_cast<double>(bytes) / 1e9;
    std::snprintf(buf, sizeof buf, g < 10 ? "%.1f" : "%.0f", g);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', ',');
    return s + " " + _("Go");
}

}  // namespace guichet::ui::console_ui
