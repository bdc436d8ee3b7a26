// The attract screen: what a passer-by sees. The town's name and logo, one invitation
// ("Touchez l'écran pour commencer"), the accessibility button and the six languages as
// buttons (the one touched is the session's language). Any touch or key starts a session
// (the shell handles that before this screen sees input); arrows and Tab stay here to
// reach these buttons from the keypad.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

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
        // Laid out from the bottom up: the languages, the invitation, the accessibility
        // button; the town's name and logo take the room left above them (the logo
        // shrinks rather than letting the text run under a button at 200 %).
        std::string chosen;
        float langTop = drawLanguages(ctx, chosen);
        float bw = std::min(W - 2 * ctx.px(80), ctx.px(1100));
        float bh = std::max(ctx.px(170), ctx.fonts.title->FontSize + ctx.px(90));
        float by = langTop - bh - ctx.px(ctx.portrait() ? 60 : 40);
        float aw = std::min(W - 2 * ctx.px(80), ctx.px(560));
        float ah = std::max(ctx.px(110), ctx.fonts.bold->FontSize + ctx.px(60));
        float ay = by - ah - ctx.px(40);

        float textW = W - 2 * ctx.px(80);
        std::string welcome = ctx.config.welcome.empty() ? _("Vos démarches à la mairie, en quelques minutes.")
                                                         : ctx.config.welcome;
        const std::string town = ctx.town();
        float textH = measureWrappedText(ctx.fonts.title, textW, town).y + ctx.px(16) +
                      measureWrappedText(ctx.fonts.body, textW, welcome).y;
        float top = ctx.px(40), room = ay - ctx.px(40) - top;
        float logo = std::clamp(room - textH - ctx.px(60), 0.0f, ctx.px(ctx.portrait() ? 260 : 220));
        float block = logo + (logo > 0 ? ctx.px(60) : 0) + textH;
        float cx = W * 0.5f;
        float y0 = top + std::max(0.0f, (room - block) * 0.5f);
        if (logo > ctx.px(60)) {
            float cy = y0 + logo * 0.5f;
            dl->AddCircleFilled(ImVec2(cx, cy), logo * 0.5f, col(p.headerText), 96);
            drawIcon(dl, "mairie", ImVec2(cx, cy), logo * 0.95f, col(p.headerBg), col(p.headerBg), col(p.headerText));
        }
        float y = y0 + (logo > 0 ? logo + ctx.px(60) : 0);
        float textTop = y;
        y += drawWrappedText(dl, ctx.fonts.title, ImVec2(ctx.px(80), y), textW, col(p.headerText), town, true);
        y += ctx.px(16);
        y += drawWrappedText(dl, ctx.fonts.body, ImVec2(ctx.px(80), y), textW, col(p.headerText), welcome, true);
        if (!ctx.inert) {
            a11y::Node n;
            n.id = "attract:town";
            n.role = a11y::Role::Heading;
            n.label = town;
            n.value = welcome;
            n.rect = {ctx.px(80), textTop, textW, y - textTop};
            ctx.tree.add(std::move(n));
        }
        // The invitation: one huge target above the languages.
        ButtonStyle st;
        st.kind = ButtonKind::Accent;
        st.font = ctx.fonts.title;
        st.hint = _("Commence une démarche. Le bouton Accessibilité propose un texte plus grand et une voix.");
        bool go = button(ctx, "start##attract", _("Touchez l'écran pour commencer"), ImVec2((W - bw) * 0.5f, by),
                         ImVec2(bw, bh), st);
        // A12: the accessibility modes are one touch away from the very first screen.
        bool access = accessibilityButton(ctx, ImVec2((W - aw) * 0.5f, ay), ImVec2(aw, ah));
        // Anywhere else on the screen starts too (submitted last: the buttons above win).
        if (!ctx.inert) {
            ImGui::SetCursorScreenPos(ImVec2(0, 0));
            go |= ImGui::InvisibleButton("##attract-anywhere", ImVec2(W, H));
        }
        if (!chosen.empty()) {
            ctx.session.setLanguage(chosen);
            return Intent::replace("home");
        }
        if (access) return Intent::replace("home", "accessibility");
        return go ? Intent::replace("home") : Intent::none();
    }

private:
    // Draws the six language buttons in centred rows along the bottom; returns the top of
    // the first row. `chosen` is set to the code of a language just activated.
    float drawLanguages(UiContext& ctx, std::string& chosen) {
        ImFont* f = ctx.fonts.bold;
        const float W = ctx.width, H = ctx.height;
        const float margin = ctx.px(60), gap = ctx.px(20);
        const float chipH = std::max(ctx.px(96), f->FontSize + ctx.px(44));  // >= 9 mm at 1080 p
        const auto& langs = i18n::languages();
        std::vector<float> widths;
        for (const auto& l : langs)
            widths.push_back(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, l.nativeName).x + ctx.px(72));
        // Rows of equal-width chips: as many a row as fit (6, 3 or 2), all the same size.
        float widest = *std::max_element(widths.begin(), widths.end());
        int perRow = static_cast<int>(langs.size());
        while (perRow > 1 && perRow * widest + (perRow - 1) * gap > W - 2 * margin) perRow = perRow > 3 ? 3 : perRow - 1;
        int rows = (static_cast<int>(langs.size()) + perRow - 1) / perRow;
        float chipW = std::min((W - 2 * margin - (perRow - 1) * gap) / perRow, std::max(widest, ctx.px(260)));
        float bottom = H - ctx.px(ctx.portrait() ? 120 : 48);
        float top = bottom - rows * chipH - (rows - 1) * gap;
        ButtonStyle st;
        st.kind = ButtonKind::Chip;
        st.font = f;
        st.role = a11y::Role::Button;
        for (std::size_t i = 0; i < langs.size(); ++i) {
            int row = static_cast<int>(i) / perRow, colIndex = static_cast<int>(i) % perRow;
            int inRow = std::min(perRow, static_cast<int>(langs.size()) - row * perRow);
            float rowW = inRow * chipW + (inRow - 1) * gap;
            ImVec2 pos((W - rowW) * 0.5f + colIndex * (chipW + gap), top + row * (chipH + gap));
            std::string id = std::string(langs[i].code) + "##attract-lang";
            // The hint is in the language itself: it is what its speaker needs to hear.
            st.hint = langs[i].startHint;
            if (button(ctx, id.c_str(), langs[i].nativeName, pos, ImVec2(chipW, chipH), st)) chosen = langs[i].code;
        }
        return top;
    }
};

}  // namespace

GUICHET_SCREEN("attract", [](UiContext&, const std::string&) { return std::make_unique<AttractScreen>(); });

}  // namespace guichet::ui
