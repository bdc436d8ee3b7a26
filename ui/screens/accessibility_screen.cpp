// The accessibility screen (A8, A9, A12, A15, A24): text size, high contrast, fonts, the
// reach layout, and speech when the speech area has registered its mode. Each change is
// visible at once; everything resets when the session ends.
#include <algorithm>
#include <cfloat>
#include <functional>
#include <string>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/core/paged_column.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {
namespace {

class AccessibilityScreen : public Screen {
public:
    std::string id() const override { return "accessibility"; }
    std::string title() const override { return _("Accessibilité"); }
    std::string instruction() const override { return _("Choisissez ce qui vous aide. Tout revient à la normale à la fin."); }
    std::string help() const override {
        return _("Touchez un réglage pour l'activer ou le désactiver. Le changement est immédiat. Quand vous avez "
                 "fini, touchez « C'est bon ». Vos réglages sont effacés à la fin de votre passage.");
    }

    Intent draw(UiContext& ctx) override {
        auto& s = ctx.session.settings();
        // At large sizes the two-line instruction took a line of body from every part: the
        // half that matters (everything resets) stays, the whole sentence is in the help.
        std::string subtitle = s.textScale() > 1.4f ? std::string(_("Tout revient à la normale à la fin.")) : instruction();
        PageScope page(ctx, {.title = title(), .subtitle = subtitle, .accessibility = false});
        Intent intent;
        // In parts that fit the screen (at 200 % the settings do not fit on one): a keypad
        // user's focus never lands under the footer, and nothing needs scrolling. Issue 14:
        // a resident who just chose "Très grand" must reach the other settings in one turn
        // (it took 4 parts in landscape, 8 with the dyslexia font). So: the two exclusive
        // choices (size, font) are rows of chips beside their heading; the switches need no
        // heading and take the whole width, their labels on one line; "C'est bon" takes no
        // row of its own in a page of parts. The size's chips, two switches, then the font's
        // chips: the parts fill evenly in both orientations, with the dyslexia font too.
        std::vector<Block> blocks;
        auto wide = [&](std::function<void()> draw) { blocks.push_back({std::move(draw), false, -1, true}); };
        auto headingWidth = [&](const char* text) {
            return ctx.fonts.heading->CalcTextSizeA(ctx.fonts.heading->FontSize, FLT_MAX, 0, text).x;
        };
        blocks.push_back({[&] { heading(ctx, _("Taille du texte")); }, true, 0, false, headingWidth(_("Taille du texte"))});
        blocks.push_back({[&] { textSizeChoices(ctx, page); }, false, 0});
        wide([&] { toggle(ctx, "contrast##a11y", _("Contraste élevé (noir et jaune)"), s.highContrast); });
        wide([&] { toggle(ctx, "reach##a11y", _("Boutons en bas de l'écran (fauteuil, petite taille)"), s.reach); });
        blocks.push_back({[&] { heading(ctx, _("Police")); }, true, 1, false, headingWidth(_("Police"))});
        blocks.push_back({[&] { fontChoices(ctx, page); }, false, 1});
        if (const ModeFn* speech = findMode("speech")) {
            wide([&, speech] {
                bool on = s.speech;
                if (toggle(ctx, "speech##a11y", _("Lecture à voix haute (casque)"), on)) {
                    if (on) (*speech)(ctx);
                    else if (const ModeFn* off = findMode("speech-off")) (*off)(ctx);
                    else s.speech = false;
                }
            });
        }
        wide([&] {
            ButtonStyle quiet;
            quiet.kind = ButtonKind::Quiet;
            if (bigButton(ctx, "reset##a11y", _("Revenir aux réglages normaux"), quiet)) s = AccessibilitySettings{};
        });
        const FinalAction done{"done##a11y", _("C'est bon"), "check"};
        if (parts_.draw(ctx, page, blocks, &done)) intent = Intent::back();
        if (Intent f = page.finish()) intent = f;
        return intent;
    }

private:
    struct Choice {
        const char* shown;   // on the chip
        const char* spoken;  // its name for speech and the keypad ("Police adaptée à la dyslexie")
        bool selected;
    };

    // One exclusive choice as a row of chips (one above the other where a label would not
    // fit a third of the width, or in portrait at large sizes). Returns the index touched.
    int chipRow(UiContext& ctx, PageScope& page, const char* idSuffix, const Choice (&choices)[3]) {
        ButtonStyle chip;
        chip.kind = ButtonKind::Chip;
        chip.role = a11y::Role::Choice;
        chip.font = ctx.fonts.bold;
        float w = page.contentWidth();  // the settings' column when headings stand beside
        float gap = ctx.px(20);
        ImFont* bold = ctx.fonts.bold;
        float widest = 0;
        for (const auto& c : choices) widest = std::max(widest, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, _(c.shown)).x);
        // With the check mark of the chosen one (see button()).
        bool vertical = (ctx.portrait() && ctx.session.settings().textScale() > 1.4f) ||
                        widest + 2 * ctx.px(22) + bold->FontSize * 0.7f + ctx.px(8) > (w - 2 * gap) / 3;
        float cw = vertical ? w : (w - 2 * gap) / 3;
        float ch = std::max(ctx.px(104), bold->FontSize + ctx.px(48));
        ImVec2 o = ImGui::GetCursorScreenPos();
        int touched = -1;
        for (int i = 0; i < 3; ++i) {
            chip.selected = choices[i].selected;
            chip.checked = chip.selected;
            std::string spoken = _(choices[i].spoken), shown = _(choices[i].shown);
            chip.shown = spoken == shown ? std::string_view() : std::string_view(shown);
            ImVec2 pos = vertical ? ImVec2(o.x, o.y + i * (ch + gap)) : ImVec2(o.x + i * (cw + gap), o.y);
            std::string id = std::string(choices[i].shown) + idSuffix;
            if (button(ctx, id.c_str(), spoken, pos, ImVec2(cw, ch), chip)) touched = i;
        }
        ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + (vertical ? 3 * (ch + gap) - gap : ch) + gap));
        ImGui::Dummy(ImVec2(1, 0));
        return touched;
    }

    void textSizeChoices(UiContext& ctx, PageScope& page) {
        auto& s = ctx.session.settings();
        const TextSize sizes[] = {TextSize::Standard, TextSize::Large150, TextSize::Large200};
        const Choice choices[3] = {{N_("Normal"), N_("Normal"), s.textSize == sizes[0]},
                                   {N_("Grand"), N_("Grand"), s.textSize == sizes[1]},
                                   {N_("Très grand"), N_("Très grand"), s.textSize == sizes[2]}};
        int i = chipRow(ctx, page, "##textsize", choices);
        if (i >= 0) s.textSize = sizes[i];
    }

    // The fonts exclude each other: one choice of three, not two switches that turn each
    // other off.
    void fontChoices(UiContext& ctx, PageScope& page) {
        auto& s = ctx.session.settings();
        const FontChoice fonts[] = {FontChoice::Sans, FontChoice::Dyslexia, FontChoice::Literacy};
        const Choice choices[3] = {{N_("Habituelle"), N_("Police habituelle"), s.font == fonts[0]},
                                   {N_("Dyslexie"), N_("Police adaptée à la dyslexie"), s.font == fonts[1]},
                                   {N_("Facile à lire"), N_("Police facile à lire"), s.font == fonts[2]}};
        int i = chipRow(ctx, page, "##font", choices);
        if (i >= 0) s.font = fonts[i];
    }

    PagedColumn parts_;
};

class LanguageScreen : public Screen {
public:
    std::string id() const override { return "language"; }
    std::string title() const override { return _("Langue"); }
    std::string instruction() const override { return _("Choisissez votre langue."); }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = std::string(_("Langue")) + " · Language", .subtitle = instruction()});
        Intent intent;
        ButtonStyle chip;
        chip.kind = ButtonKind::Chip;
        chip.role = a11y::Role::Choice;
        for (const auto& l : i18n::languages()) {
            chip.selected = ctx.session.language() == l.code;
            chip.checked = chip.selected;
            std::string id = std::string(l.nativeName) + "##language";
            if (bigButton(ctx, id.c_str(), l.nativeName, chip)) {
                ctx.session.setLanguage(l.code);
                intent = Intent::back();
            }
        }
        if (Intent f = page.finish()) intent = f;
        return intent;
    }
};

}  // namespace

GUICHET_SCREEN("accessibility", [](UiContext&, const std::string&) { return std::make_unique<AccessibilityScreen>(); });
GUICHET_SCREEN("language", [](UiContext&, const std::string&) { return std::make_unique<LanguageScreen>(); });

}  // namespace guichet::ui
