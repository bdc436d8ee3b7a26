// The accessibility screen (A8, A9, A12, A15, A24): text size, high contrast, fonts, the
// reach layout, and speech when the speech area has registered its mode. Each change is
// visible at once; everything resets when the session ends.
#include <algorithm>
#include <cfloat>

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
        PageScope page(ctx, {.title = title(), .subtitle = instruction(), .accessibility = false});
        Intent intent;
        // In parts that fit the screen (at 200 % the settings do not fit on one): a keypad
        // user's focus never lands under the footer, and nothing needs scrolling.
        std::vector<Block> blocks;
        blocks.push_back({[&] { heading(ctx, _("Taille du texte")); }, true, 0});
        blocks.push_back({[&] { textSizeChoices(ctx, page); }, false, 0});
        blocks.push_back({[&] { heading(ctx, _("Affichage")); }, true, 1});
        blocks.push_back({[&] { toggle(ctx, "contrast##a11y", _("Contraste élevé (noir et jaune)"), s.highContrast); }, false, 1});
        blocks.push_back({[&] { toggle(ctx, "reach##a11y", _("Boutons en bas de l'écran (fauteuil, petite taille)"), s.reach); },
                          false, 1});
        blocks.push_back({[&] {
                              bool dys = s.font == FontChoice::Dyslexia;
                              if (toggle(ctx, "dyslexia##a11y", _("Police adaptée à la dyslexie"), dys))
                                  s.font = dys ? FontChoice::Dyslexia : FontChoice::Sans;
                          },
                          false, 1});
        blocks.push_back({[&] {
                              bool lit = s.font == FontChoice::Literacy;
                              if (toggle(ctx, "literacy##a11y", _("Police facile à lire"), lit))
                                  s.font = lit ? FontChoice::Literacy : FontChoice::Sans;
                          },
                          false, 1});
        if (const ModeFn* speech = findMode("speech")) {
            blocks.push_back({[&] { heading(ctx, _("Voix")); }, true, 2});
            blocks.push_back({[&, speech] {
                                  bool on = s.speech;
                                  if (toggle(ctx, "speech##a11y", _("Lecture à voix haute (casque)"), on)) {
                                      if (on) (*speech)(ctx);
                                      else if (const ModeFn* off = findMode("speech-off")) (*off)(ctx);
                                      else s.speech = false;
                                  }
                              },
                              false, 2});
        }
        blocks.push_back({[&] {
                              spacing(ctx, 12);
                              ButtonStyle primary;
                              primary.kind = ButtonKind::Primary;
                              primary.icon = "check";
                              if (bigButton(ctx, "done##a11y", _("C'est bon"), primary)) intent = Intent::back();
                          },
                          false, 3});
        blocks.push_back({[&] {
                              ButtonStyle quiet;
                              quiet.kind = ButtonKind::Quiet;
                              if (bigButton(ctx, "reset##a11y", _("Revenir aux réglages normaux"), quiet))
                                  s = AccessibilitySettings{};
                          },
                          false, 3});
        parts_.draw(ctx, page, blocks);
        if (Intent f = page.finish()) intent = f;
        return intent;
    }

private:
    void textSizeChoices(UiContext& ctx, PageScope& page) {
        auto& s = ctx.session.settings();
        ButtonStyle chip;
        chip.kind = ButtonKind::Chip;
        chip.role = a11y::Role::Choice;
        struct SizeChoice { TextSize size; const char* label; };
        const SizeChoice sizes[] = {{TextSize::Standard, N_("Normal")}, {TextSize::Large150, N_("Grand")},
                                    {TextSize::Large200, N_("Très grand")}};
        float w = page.contentWidth();  // a column's width when the screen is in two
        float gap = ctx.px(20);
        // One above the other in portrait at large sizes, and wherever a label (with the
        // check mark of the chosen size, see button()) would not fit a third of the width.
        ImFont* bold = ctx.fonts.bold;
        float widest = 0;
        for (const auto& c : sizes)
            widest = std::max(widest, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, _(c.label)).x);
        bool vertical = (ctx.portrait() && s.textScale() > 1.4f) ||
                        widest + 2 * ctx.px(22) + bold->FontSize * 0.7f + ctx.px(8) > (w - 2 * gap) / 3;
        float cw = vertical ? w : (w - 2 * gap) / 3;
        float ch = std::max(ctx.px(104), ctx.fonts.bold->FontSize + ctx.px(48));
        ImVec2 o = ImGui::GetCursorScreenPos();
        for (int i = 0; i < 3; ++i) {
            chip.selected = s.textSize == sizes[i].size;
            chip.checked = chip.selected;
            chip.font = ctx.fonts.bold;
            ImVec2 pos = vertical ? ImVec2(o.x, o.y + i * (ch + gap)) : ImVec2(o.x + i * (cw + gap), o.y);
            std::string id = std::string(sizes[i].label) + "##textsize";
            if (button(ctx, id.c_str(), _(sizes[i].label), pos, ImVec2(cw, ch), chip)) s.textSize = sizes[i].size;
        }
        ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + (vertical ? 3 * (ch + gap) : ch + gap) + ctx.px(20)));
        ImGui::Dummy(ImVec2(1, 1));
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
