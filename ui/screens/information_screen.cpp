// Information pages from the terminal's config ([[information]]: opening hours, contact):
// a list of large buttons, then one page at a time.
#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {
namespace {

class InformationScreen : public Screen {
public:
    std::string id() const override { return "information"; }
    std::string title() const override { return _("Informations pratiques"); }
    std::string instruction() const override { return _("Touchez un sujet pour le lire."); }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = title(), .subtitle = instruction()});
        Intent intent;
        ButtonStyle st;
        st.icon = "info";
        const auto& pages = ctx.config.information;
        for (std::size_t i = 0; i < pages.size(); ++i) {
            std::string id = pages[i].title + "##info" + std::to_string(i);
            if (bigButton(ctx, id.c_str(), pages[i].title, st)) intent = Intent::push("information.page", std::to_string(i));
        }
        if (Intent f = page.finish()) intent = f;
        return intent;
    }
};

class InformationPageScreen : public Screen {
public:
    explicit InformationPageScreen(std::size_t index) : index_(index) {}
    std::string id() const override { return "information.page"; }
    std::string title() const override { return _("Informations pratiques"); }
    Intent draw(UiContext& ctx) override {
        const auto& pages = ctx.config.information;
        const InformationPage* p = index_ < pages.size() ? &pages[index_] : nullptr;
        PageScope page(ctx, {.title = p ? p->title : title()});
        if (p) paragraph(ctx, p->body);
        spacing(ctx, 16);
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "back";
        Intent intent;
        if (bigButton(ctx, "back##infopage", _("Retour aux informations"), primary)) intent = Intent::back();
        if (Intent f = page.finish()) intent = f;
        return intent;
    }

private:
    std::size_t index_;
};

// A démarche announced on the home screen whose wizard is not installed on this terminal.
class UnavailableScreen : public Screen {
public:
    explicit UnavailableScreen(std::string what) : what_(std::move(what)) {}
    std::string id() const override { return "unavailable"; }
    std::string title() const override { return what_; }
    std::string instruction() const override { return _("Cette démarche n'est pas encore disponible sur cette borne."); }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = what_});
        heading(ctx, _("Bientôt disponible"));
        paragraph(ctx, _("Cette démarche n'est pas encore disponible sur cette borne. L'accueil de la mairie peut "
                         "vous aider dès maintenant."));
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "home";
        Intent intent;
        if (bigButton(ctx, "home##unavailable", _("Retour à l'accueil"), primary)) intent = Intent::home();
        if (Intent f = page.finish()) intent = f;
        return intent;
    }

private:
    std::string what_;
};

}  // namespace

GUICHET_SCREEN("information", [](UiContext&, const std::string&) { return std::make_unique<InformationScreen>(); });
GUICHET_SCREEN("information.page", [](UiContext&, const std::string& param) {
    std::size_t i = 0;
    try { i = std::stoul(param); } catch (...) { i = 0; }
    return std::make_unique<InformationPageScreen>(i);
});
GUICHET_SCREEN("unavailable", [](UiContext&, const std::string& param) { return std::make_unique<UnavailableScreen>(param); });

}  // namespace guichet::ui
