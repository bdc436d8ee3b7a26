// "card-step": the card step as a page of its own, for a wizard that prefers to push it
// (Intent::push("card-step", fieldId)) rather than embed CardStepPanel. The identifier is
// left in the session buffer "card.<fieldId>" (wiped at session end); "card.<fieldId>.typed"
// is "1" when the resident chose "Je n'ai pas ma carte". Then the page goes back.
#include "kiosk/i18n/i18n.hpp"
#include "ui/card_step/card_step.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {
namespace {

class CardStepScreen : public Screen {
public:
    explicit CardStepScreen(std::string field) : field_(std::move(field)), panel_(field_) {}
    std::string id() const override { return "card-step"; }
    std::string title() const override { return _("Identifiez-vous avec votre carte"); }
    std::string instruction() const override {
        return _("Insérez votre carte, puce vers le haut, ou posez-la sur le lecteur.");
    }
    void onLeave(UiContext&) override { panel_.cancel(); }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = title(), .subtitle = instruction()});
        Intent intent;
        switch (panel_.draw(ctx)) {
            case CardStepPanel::Outcome::Identified: {
                if (panel_.hasIdentifier()) ctx.session.field(bufferKey()) = panel_.takeIdentifier();
                ButtonStyle next;
                next.kind = ButtonKind::Primary;
                next.icon = "check";
                if (bigButton(ctx, "next##card-step", _("Continuer"), next)) intent = Intent::back();
                break;
            }
            case CardStepPanel::Outcome::TypeInstead:
                ctx.session.field(typedKey()).assign(1, '1');
                intent = Intent::back();
                break;
            case CardStepPanel::Outcome::None: break;
        }
        if (Intent f = page.finish()) intent = f;
        return intent;
    }

private:
    std::string bufferKey() const {
        std::string k = "card.";
        k += field_;
        return k;
    }
    std::string typedKey() const {
        std::string k = bufferKey();
        k += ".typed";
        return k;
    }
    std::string field_;
    CardStepPanel panel_;
};

}  // namespace

GUICHET_SCREEN("card-step", [](UiContext&, const std::string& field) {
    return std::make_unique<CardStepScreen>(field.empty() ? std::string("card") : field);
});

}  // namespace guichet::ui
