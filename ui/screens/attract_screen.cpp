// The attract screen: what a passer-by sees. The town's name and logo, and one invitation
// ("Touchez l'écran pour commencer"); any touch or key starts a session (the shell handles
// that before this screen sees input).
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/icons.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {
namespace {

class AttractScreen : public Screen {
public:
    std::string id() const override { return "attract"; }
    std::string title() const override { return _("Bienvenue"); }
    std::string instruction() const override { return _("Touchez l'écran pour commencer"); }

    Intent draw(UiContext& ctx) override {
        const auto& p = ctx.colors();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float W = ctx.width, H = ctx.height;
        ctx.clearColor = p.headerBg;
        // A quiet band of the page colour along the bottom, like the home screen's footer.
        float logo = ctx.px(ctx.portrait() ? 260 : 220);
        float cx = W * 0.5f;
        float cy = H * (ctx.portrait() ? 0.30f : 0.28f);
        dl->AddCircleFilled(ImVec2(cx, cy), logo * 0.5f, col(p.headerText), 96);
        drawIcon(dl, "mairie", ImVec2(cx, cy), logo * 0.95f, col(p.headerBg), col(p.headerBg), col(p.headerText));
        float textW = W - 2 * ctx.px(80);
        float y = cy + logo * 0.5f + ctx.px(60);
        y += drawWrappedText(dl, ctx.fonts.title, ImVec2(ctx.px(80), y), textW, col(p.headerText), ctx.config.town, true);
        std::string welcome = ctx.config.welcome.empty() ? _("Vos démarches à la mairie, en quelques minutes.")
                                                         : ctx.config.welcome;
        y += ctx.px(16);
        y += drawWrappedText(dl, ctx.fonts.body, ImVec2(ctx.px(80), y), textW, col(p.headerText), welcome, true);
        if (!ctx.inert) {
            a11y::Node n;
            n.id = "attract:town";
            n.role = a11y::Role::Heading;
            n.label = ctx.config.town;
            n.value = welcome;
            n.rect = {ctx.px(80), cy, textW, y - cy};
            ctx.tree.add(std::move(n));
        }
        // The invitation: one huge target covering the lower part of the screen.
        float bw = std::min(W - 2 * ctx.px(80), ctx.px(1100));
        float bh = std::max(ctx.px(170), ctx.fonts.title->FontSize + ctx.px(90));
        float by = H - bh - ctx.px(ctx.portrait() ? 260 : 120);
        ButtonStyle st;
        st.kind = ButtonKind::Accent;
        st.font = ctx.fonts.title;
        st.hint = _("Commence une démarche. Le bouton Accessibilité propose un texte plus grand et une voix.");
        bool go = button(ctx, "start##attract", _("Touchez l'écran pour commencer"), ImVec2((W - bw) * 0.5f, by),
                         ImVec2(bw, bh), st);
        // A12: the accessibility modes are one touch away from the very first screen.
        float aw = std::min(W - 2 * ctx.px(80), ctx.px(560));
        float ah = std::max(ctx.px(110), ctx.fonts.bold->FontSize + ctx.px(60));
        bool access = accessibilityButton(ctx, ImVec2((W - aw) * 0.5f, by - ah - ctx.px(40)), ImVec2(aw, ah));
        const char* langs = "Français · English · Español · Deutsch · Português · Italiano";
        float lw = measureWrappedText(ctx.fonts.body, W, langs).x;
        dl->AddText(ctx.fonts.body, ctx.fonts.body->FontSize, ImVec2((W - lw) * 0.5f, by + bh + ctx.px(48)),
                    col(p.headerText), langs);
        // Anywhere else on the screen starts too (submitted last: the buttons above win).
        if (!ctx.inert) {
            ImGui::SetCursorScreenPos(ImVec2(0, 0));
            go |= ImGui::InvisibleButton("##attract-anywhere", ImVec2(W, H));
        }
        if (access) return Intent::replace("home", "accessibility");
        return go ? Intent::replace("home") : Intent::none();
    }
};

}  // namespace

GUICHET_SCREEN("attract", [](UiContext&, const std::string&) { return std::make_unique<AttractScreen>(); });

}  // namespace guichet::ui
