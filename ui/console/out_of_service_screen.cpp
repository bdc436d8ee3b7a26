// What residents see while staff have put the terminal "hors service" from the console: in
// place of the attract screen, a plain notice with the configured message and the opening
// hours of the desk. No button: no touch or key starts a démarche (the shell starts no
// session here); only the console's discreet gesture opens the PIN pad.
#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/console/console_runtime.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui::console_ui {
namespace {

class OutOfServiceScreen : public Screen {
public:
    std::string id() const override { return "out-of-service"; }
    std::string title() const override { return _("Borne hors service"); }
    std::string instruction() const override { return _("Cette borne est momentanément indisponible."); }

    Intent draw(UiContext& ctx) override {
        const ConsoleRuntime* rt = ConsoleRuntime::instance();
        PageScope page(ctx, {.title = title(), .subtitle = instruction(), .footer = false});
        std::string message = rt && !rt->config().outOfServiceMessage.empty()
                                  ? rt->config().outOfServiceMessage
                                  : std::string(_("L'accueil de la mairie peut faire votre démarche avec vous. Merci de "
                                                  "votre compréhension."));
        paragraph(ctx, message);
        if (rt && !rt->config().openingHours.empty()) {
            spacing(ctx, 16);
            heading(ctx, _("Horaires d'ouverture de l'accueil"));
            paragraph(ctx, rt->config().openingHours);
        }
        (void)page.finish();
        return {};
    }
};

}  // namespace

GUICHET_SCREEN("out-of-service", [](UiContext&, const std::string&) { return std::make_unique<OutOfServiceScreen>(); });

}  // namespace guichet::ui::console_ui
