// Information procedures of the catalogue (opening hours, news, legal notices): a list of
// pages, then one page at a time. Nothing is asked, nothing is stored.
#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::wizard {
namespace {

class CatalogueInfoScreen : public Screen {
public:
    explicit CatalogueInfoScreen(const procedures::Procedure* p) : procedure_(p) {}
    std::string id() const override { return "wizard.info"; }
    std::string title() const override { return procedure_ ? procedure_->title.fr() : std::string(_("Informations")); }
    std::string instruction() const override { return _("Touchez un sujet pour le lire."); }
    std::string help() const override { return procedure_ ? procedure_->falc.fr() : std::string(); }

    Intent draw(UiContext& ctx) override {
        const std::string lang = ctx.session.language().empty() ? "fr" : ctx.session.language();
        std::string t = procedure_ ? procedure_->title.in(lang) : title();
        Intent intent;
        if (!procedure_ || page_ < 0 || page_ >= static_cast<int>(procedure_->pages.size())) {
            std::string sub = instruction();
            PageScope page(ctx, {.title = t, .subtitle = sub});
            if (procedure_) {
                ButtonStyle st;
                st.icon = "info";
                for (std::size_t i = 0; i < procedure_->pages.size(); ++i) {
                    std::string id = procedure_->pages[i].id + "##catinfo";
                    if (bigButton(ctx, id.c_str(), procedure_->pages[i].title.in(lang), st)) page_ = static_cast<int>(i);
                }
            }
            if (Intent f = page.finish()) intent = f;
            return intent;
        }
        const auto& pg = procedure_->pages[page_];
        auto body = pg.body.resolve(lang);
        std::string pt = pg.title.in(lang);
        PageScope page(ctx, {.title = pt, .subtitle = t});
        if (body.fallback) paragraph(ctx, _("Ce texte n'est pas encore traduit : le voici en français."), true);
        paragraph(ctx, body.text);
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "back";
        if (bigButton(ctx, "list##catinfo", _("Retour aux sujets"), primary)) page_ = -1;
        Intent f = page.finish();
        if (f.kind == Intent::Kind::Back) { page_ = -1; return {}; }
        return f;
    }

private:
    const procedures::Procedure* procedure_;
    int page_ = -1;
};

}  // namespace

GUICHET_SCREEN("wizard.info", [](UiContext&, const std::string& param) {
    auto* rt = WizardRuntime::instance();
    const procedures::Procedure* p = rt ? rt->catalogue().find(param) : nullptr;
    return std::make_unique<CatalogueInfoScreen>(p);
});

}  // namespace guichet::ui::wizard
