// A small form (a name, a postal code) that shows the on-screen keyboard in the demo tour
// and the scenario tests, and serves as the model of a form step for the wizard. Its
// values live in Session::field(), so the session's end wipes them.
#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {
namespace {

class SampleFormScreen : public Screen {
public:
    std::string id() const override { return "shell.sample-form"; }
    std::string title() const override { return _("Vos coordonnées"); }
    std::string instruction() const override { return _("Touchez un champ pour écrire."); }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = title(), .subtitle = instruction()});
        textField(ctx, "nom##sample", _("Nom de naissance"), ctx.session.field("sample.nom"), FieldKind::Text,
                  _("Par exemple : Dupont"), 60);
        textField(ctx, "cp##sample", _("Code postal"), ctx.session.field("sample.cp"), FieldKind::Number,
                  _("5 chiffres"), 5);
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "check";
        Intent intent;
        if (bigButton(ctx, "done##sample", _("Continuer"), primary)) intent = Intent::back();
        if (Intent f = page.finish()) intent = f;
        return intent;
    }
};

}  // namespace

GUICHET_SCREEN("shell.sample-form", [](UiContext&, const std::string&) { return std::make_unique<SampleFormScreen>(); });

}  // namespace guichet::ui
