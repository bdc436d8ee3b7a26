// The home screen: large tiles for the démarches (from the catalogue's HomeTileProvider),
// Information, and a footer with the languages and the Accessibility button (A12). The
// grid adapts its columns to the orientation and the text size so nothing is cut (A8).
#include <algorithm>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {
namespace {

class HomeScreen : public Screen {
public:
    std::string id() const override { return "home"; }
    std::string title() const override { return _("Que souhaitez-vous faire ?"); }
    std::string instruction() const override { return _("Touchez une case pour commencer une démarche."); }
    std::string help() const override {
        return _("Chaque case est une démarche. Touchez celle qui vous intéresse : une question à la fois vous "
                 "guidera. En bas, choisissez votre langue, ou touchez « Accessibilité » pour agrandir le texte, "
                 "renforcer le contraste ou changer de police.");
    }

    void onEnter(UiContext& ctx) override { tiles_ = collectHomeTiles(ctx); }

    Intent draw(UiContext& ctx) override {
        if (language_ != i18n::language()) {  // titles come translated from the providers
            tiles_ = collectHomeTiles(ctx);
            language_ = i18n::language();
        }
        Intent intent;
        std::string subtitle = std::string(_("Bienvenue ! ")) + instruction();
        measureFooter(ctx);
        PageScope page(ctx, {.title = ctx.config.town, .subtitle = subtitle, .footer = false,
                             .customFooterHeight = footer_.height});
        // Reserve the footer ourselves: languages + accessibility.
        float gap = ctx.px(28);
        float width = page.contentWidth();
        float scale = ctx.session.settings().textScale();
        int columns = ctx.portrait() ? (scale > 1.0f ? 1 : 2) : (scale > 1.4f ? 2 : 3);
        float tileW = (width - gap * (columns - 1)) / columns;
        ButtonStyle st;
        st.kind = ButtonKind::Tile;
        float pad = ctx.px(28);
        float iconW = std::min(ctx.px(110), ctx.px(170) * 0.55f);
        float rowH = ctx.px(170);
        auto all = tiles_;
        HomeTile info{"information", _("Informations pratiques"), "info", Intent::push("information"), 10000};
        all.push_back(info);
        for (const auto& t : all)
            rowH = std::max(rowH, measureWrappedText(ctx.fonts.bold, tileW - 2 * pad - iconW - pad, t.title).y + 2 * pad);
        ImVec2 origin = ImGui::GetCursorScreenPos();
        for (std::size_t i = 0; i < all.size(); ++i) {
            int c = static_cast<int>(i % columns), r = static_cast<int>(i / columns);
            ImVec2 pos(origin.x + c * (tileW + gap), origin.y + r * (rowH + gap));
            st.icon = all[i].icon;
            std::string id = all[i].title + "##tile-" + all[i].id;
            if (button(ctx, id.c_str(), all[i].title, pos, ImVec2(tileW, rowH), st)) intent = all[i].open;
        }
        int rows = static_cast<int>((all.size() + columns - 1) / columns);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + rows * (rowH + gap)));
        ImGui::Dummy(ImVec2(1, 1));
        page.finish();
        if (Intent f = drawFooter(ctx)) intent = f;
        return intent;
    }

private:
    struct FooterLayout {
        float height = 0, chipH = 0, accessW = 0, accessH = 0, gap = 0, margin = 0;
        std::vector<float> widths;
        bool chips = false, stacked = false;
    };

    void measureFooter(UiContext& ctx) {
        FooterLayout& l = footer_;
        float W = ctx.width;
        l.margin = ctx.portrait() ? ctx.px(40) : ctx.px(60);
        ImFont* f = ctx.fonts.body;
        l.chipH = std::max(ctx.px(84), f->FontSize + ctx.px(36));
        l.accessW = std::max(ctx.px(380), ctx.fonts.bold->CalcTextSizeA(ctx.fonts.bold->FontSize, FLT_MAX, 0,
                                                                         _("Accessibilité")).x + ctx.px(150));
        l.accessH = std::max(ctx.px(96), ctx.fonts.bold->FontSize + ctx.px(44));
        l.gap = ctx.px(16);
        // Chips for the six languages when they fit on one line beside the button; else
        // one "Langue" button leading to the language screen.
        float chipsW = 0;
        l.widths.clear();
        for (const auto& lang : i18n::languages()) {
            float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, lang.nativeName).x + ctx.px(90);
            l.widths.push_back(w);
            chipsW += w + l.gap;
        }
        l.chips = chipsW + l.accessW + 2 * l.margin + ctx.px(40) <= W;
        l.stacked = !l.chips && ctx.portrait();
        l.height = l.stacked ? l.accessH * 2 + ctx.px(76) : std::max(l.chipH, l.accessH) + ctx.px(56);
    }

    Intent drawFooter(UiContext& ctx) {
        const auto& p = ctx.colors();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float H = ctx.height, W = ctx.width;
        const FooterLayout& l = footer_;
        float m = l.margin, chipH = l.chipH, accessW = l.accessW, accessH = l.accessH, gap = l.gap;
        ImFont* f = ctx.fonts.body;
        const auto& widths = l.widths;
        bool chips = l.chips, stacked = l.stacked;
        float footerH = l.height;
        float top = H - footerH;
        // The body already ended above; cover its bottom with the footer band.
        dl->AddRectFilled(ImVec2(0, top), ImVec2(W, H), col(p.name == "high-contrast" ? p.background : hex(0xFFFFFF)));
        dl->AddLine(ImVec2(0, top), ImVec2(W, top), col(p.surfaceBorder), ctx.px(2));
        Intent intent;
        float y = top + ctx.px(28);
        if (chips) {
            float x = m;
            float cy = top + (footerH - chipH) * 0.5f;
            ButtonStyle st;
            st.kind = ButtonKind::Chip;
            st.font = f;
            const auto& langs = i18n::languages();
            for (std::size_t i = 0; i < langs.size(); ++i) {
                st.selected = ctx.session.language() == langs[i].code;
                st.role = a11y::Role::Choice;
                st.checked = st.selected;
                std::string id = std::string(langs[i].nativeName) + "##lang";
                if (button(ctx, id.c_str(), langs[i].nativeName, ImVec2(x, cy), ImVec2(widths[i], chipH), st))
                    ctx.session.setLanguage(langs[i].code);
                x += widths[i] + gap;
            }
        } else {
            ButtonStyle st;
            st.kind = ButtonKind::Quiet;
            st.icon = "globe";
            float lw = stacked ? W - 2 * m : std::min(W - 2 * m - accessW - ctx.px(30), ctx.px(700));
            std::string label = std::string(_("Langue")) + " · Language";
            if (button(ctx, "language##home", label, ImVec2(m, y), ImVec2(lw, accessH), st))
                intent = Intent::push("language");
            if (stacked) y += accessH + ctx.px(20);
        }
        float ax = stacked ? m : W - m - accessW;
        float aw = stacked ? W - 2 * m : accessW;
        float ay = stacked ? y : top + (footerH - accessH) * 0.5f;
        if (accessibilityButton(ctx, ImVec2(ax, ay), ImVec2(aw, accessH))) intent = Intent::push("accessibility");
        return intent;
    }

    std::vector<HomeTile> tiles_;
    std::string language_;
    FooterLayout footer_;
};

}  // namespace

GUICHET_SCREEN("home", [](UiContext&, const std::string&) { return std::make_unique<HomeScreen>(); });

}  // namespace guichet::ui
