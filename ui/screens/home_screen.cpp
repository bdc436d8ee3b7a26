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
        PageScope page(ctx, {.title = ctx.town(), .subtitle = subtitle, .footer = false,
                             .customFooterHeight = footer_.height});
        // Reserve the footer ourselves: languages + accessibility.
        float gap = ctx.px(28);
        float width = page.contentWidth();
        float availH = ImGui::GetContentRegionAvail().y - ctx.px(64);  // the page keeps a bottom margin
        float scale = ctx.session.settings().textScale();
        ButtonStyle st;
        st.kind = ButtonKind::Tile;
        float pad = ctx.px(28);
        auto all = tiles_;
        // A provider's own information tile (icon "info", e.g. the catalogue's pages) takes
        // the place of the shell's, so residents never see two.
        bool providedInfo = std::any_of(all.begin(), all.end(), [](const HomeTile& t) { return t.icon == "info"; });
        if (!providedInfo)
            all.push_back({"information", _("Informations pratiques"), "info", Intent::push("information"), 10000});
        // Columns: as few as reading comfort allows, more when that lets every tile show
        // without scrolling; rows then share the height (bigger targets).
        int columns = ctx.portrait() ? (scale > 1.0f ? 1 : 2) : (scale > 1.4f ? 2 : 3);
        int maxColumns = ctx.portrait() ? (scale > 1.4f ? 1 : 2) : (scale > 1.4f ? 2 : (scale > 1.0f ? 3 : 4));
        float tileW = 0, rowH = 0;
        int rows = 0;
        for (;; ++columns) {
            tileW = (width - gap * (columns - 1)) / columns;
            float iconW = std::min(ctx.px(110), ctx.px(170) * 0.55f);
            rowH = ctx.px(150);
            for (const auto& t : all)
                rowH = std::max(rowH, measureWrappedText(ctx.fonts.bold, tileW - 3 * pad - iconW, t.title).y + 2 * pad);
            rows = static_cast<int>((all.size() + columns - 1) / columns);
            if (rows * rowH + (rows - 1) * gap <= availH || columns >= maxColumns) break;
        }
        // Still too many rows (large text): the tiles go on several pages with big "Voir la
        // suite" / "Précédent" buttons — a kiosk page never scrolls.
        int perPage = static_cast<int>(all.size());
        float navH = std::max(ctx.px(104), ctx.fonts.bold->FontSize + ctx.px(48));
        int pageCount = 1;
        if (rows * rowH + (rows - 1) * gap > availH) {
            int fitRows = std::max(1, static_cast<int>((availH - navH - gap + gap) / (rowH + gap)));
            perPage = fitRows * columns;
            pageCount = static_cast<int>((all.size() + perPage - 1) / perPage);
            rows = fitRows;
        }
        tilePage_ = std::clamp(tilePage_, 0, pageCount - 1);
        float tilesH = availH - (pageCount > 1 ? navH + gap : 0);
        float fill = (tilesH - (rows - 1) * gap) / rows;
        rowH = std::max(rowH, std::min(fill, ctx.px(260)));
        ImVec2 origin = ImGui::GetCursorScreenPos();
        std::size_t first = static_cast<std::size_t>(tilePage_ * perPage);
        std::size_t last = std::min(all.size(), first + static_cast<std::size_t>(perPage));
        for (std::size_t i = first; i < last; ++i) {
            int c = static_cast<int>((i - first) % columns), r = static_cast<int>((i - first) / columns);
            ImVec2 pos(origin.x + c * (tileW + gap), origin.y + r * (rowH + gap));
            st.icon = all[i].icon;
            std::string id = all[i].title + "##tile-" + all[i].id;
            if (button(ctx, id.c_str(), all[i].title, pos, ImVec2(tileW, rowH), st)) intent = all[i].open;
        }
        float bottom = origin.y + rows * rowH + (rows - 1) * gap;
        if (pageCount > 1) {
            float y = bottom + gap, w = (width - gap) * 0.5f;
            ButtonStyle nav;
            nav.kind = ButtonKind::Secondary;
            if (tilePage_ > 0) {
                nav.icon = "back";
                if (button(ctx, "previous##tiles", _("Précédent"), ImVec2(origin.x, y), ImVec2(w, navH), nav)) --tilePage_;
            }
            if (tilePage_ + 1 < pageCount) {
                nav.kind = ButtonKind::Primary;
                nav.icon = "";
                if (button(ctx, "more##tiles", _("Voir la suite"), ImVec2(origin.x + w + gap, y), ImVec2(w, navH), nav))
                    ++tilePage_;
            }
            bottom = y + navH;
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x, bottom));
        ImGui::Dummy(ImVec2(1, 1));
        page.finish();
        if (Intent f = drawFooter(ctx)) intent = f;
        return intent;
    }

private:
    // The footer: language chips flowing in rows (at most two), then the accessibility
    // button beside them or on its own row; a "Langue" button when the chips would need
    // more than two rows (very large text in portrait).
    struct FooterLayout {
        float height = 0, margin = 0, rowH = 0, gap = 0;
        std::vector<ImVec2> chipPos, chipSize;
        ImVec2 accessPos, accessSize;
        bool chips = true;
    };

    void measureFooter(UiContext& ctx) {
        FooterLayout& l = footer_;
        float W = ctx.width;
        l.margin = ctx.portrait() ? ctx.px(40) : ctx.px(60);
        l.gap = ctx.px(16);
        ImFont* f = ctx.fonts.body;
        ImFont* b = ctx.fonts.bold;
        float chipH = std::max(ctx.px(84), f->FontSize + ctx.px(36));
        float accessH = std::max(ctx.px(96), b->FontSize + ctx.px(44));
        float accessW = b->CalcTextSizeA(b->FontSize, FLT_MAX, 0, _("Accessibilité")).x + b->FontSize * 1.2f +
                        ctx.px(28) * 2.8f + ctx.px(24);
        accessW = std::max(accessW, ctx.px(380));
        l.rowH = std::max(chipH, accessH);
        float inner = W - 2 * l.margin;
        float top = ctx.px(28);
        l.chipPos.clear();
        l.chipSize.clear();
        float x = 0, y = top;
        int rows = 1;
        for (const auto& lang : i18n::languages()) {
            bool selected = ctx.session.language() == lang.code;  // room for its check mark
            float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, lang.nativeName).x + ctx.px(64) +
                      (selected ? f->FontSize * 0.7f + ctx.px(16) : 0);
            if (x > 0 && x + w > inner) {
                x = 0;
                y += l.rowH + l.gap;
                ++rows;
            }
            l.chipPos.push_back(ImVec2(l.margin + x, y + (l.rowH - chipH) * 0.5f));
            l.chipSize.push_back(ImVec2(w, chipH));
            x += w + l.gap;
        }
        // Large text: chips over two rows, or pushing Accessibilité onto a row of its own,
        // would eat the tiles' room — one "Langue" button beside Accessibilité instead.
        l.chips = rows <= 2;
        if (ctx.session.settings().textScale() > 1.0f && (rows > 1 || x + ctx.px(40) + accessW > inner)) l.chips = false;
        if (!l.chips) {  // one button to the language screen, accessibility beside it when both fit
            float langW = b->CalcTextSizeA(b->FontSize, FLT_MAX, 0, (std::string(_("Langue")) + " · Language").c_str()).x +
                          b->FontSize * 1.2f + ctx.px(28) * 2.8f + ctx.px(24);
            bool side = langW + ctx.px(40) + accessW <= inner;
            l.chipPos = {ImVec2(l.margin, top)};
            l.chipSize = {ImVec2(side ? inner - accessW - ctx.px(40) : inner, accessH)};
            x = side ? inner - accessW - ctx.px(40) : inner + 1;
            y = top;
        }
        if (x + ctx.px(40) + accessW <= inner) {
            l.accessPos = ImVec2(W - l.margin - accessW, y + (l.rowH - accessH) * 0.5f);
            l.accessSize = ImVec2(accessW, accessH);
        } else {
            y += l.rowH + l.gap;
            l.accessPos = ImVec2(l.margin, y);
            l.accessSize = ImVec2(inner, accessH);
        }
        l.height = y + l.rowH + ctx.px(28);
    }

    Intent drawFooter(UiContext& ctx) {
        const auto& p = ctx.colors();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const FooterLayout& l = footer_;
        float top = ctx.height - l.height;
        dl->AddRectFilled(ImVec2(0, top), ImVec2(ctx.width, ctx.height),
                          col(p.name == "high-contrast" ? p.background : hex(0xFFFFFF)));
        dl->AddLine(ImVec2(0, top), ImVec2(ctx.width, top), col(p.surfaceBorder), ctx.px(2));
        auto at = [&](ImVec2 v) { return ImVec2(v.x, top + v.y); };
        Intent intent;
        if (l.chips) {
            ButtonStyle st;
            st.kind = ButtonKind::Chip;
            st.font = ctx.fonts.body;
            st.role = a11y::Role::Choice;
            const auto& langs = i18n::languages();
            for (std::size_t i = 0; i < langs.size(); ++i) {
                st.selected = ctx.session.language() == langs[i].code;
                st.checked = st.selected;
                std::string id = std::string(langs[i].nativeName) + "##lang";
                if (button(ctx, id.c_str(), langs[i].nativeName, at(l.chipPos[i]), l.chipSize[i], st))
                    ctx.session.setLanguage(langs[i].code);
            }
        } else {
            ButtonStyle st;
            st.kind = ButtonKind::Quiet;
            st.icon = "globe";
            std::string label = std::string(_("Langue")) + " · Language";
            if (button(ctx, "language##home", label, at(l.chipPos[0]), l.chipSize[0], st)) intent = Intent::push("language");
        }
        if (accessibilityButton(ctx, at(l.accessPos), l.accessSize)) intent = Intent::push("accessibility");
        return intent;
    }

    std::vector<HomeTile> tiles_;
    std::string language_;
    int tilePage_ = 0;  // large text: which page of tiles
    FooterLayout footer_;
};

}  // namespace

GUICHET_SCREEN("home", [](UiContext&, const std::string&) { return std::make_unique<HomeScreen>(); });

}  // namespace guichet::ui
