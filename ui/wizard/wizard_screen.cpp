// The wizard's one screen: it draws whatever state the resident's WizardSession is in —
// a page of questions, the review ("Vérifiez vos réponses"), the cancel question, the
// confirmation with reference, QR and what happens next — and turns taps into calls on it.
#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/card_step/card_step.hpp"
#include "ui/core/widgets.hpp"
#include "ui/wizard/field_widgets.hpp"
#include "ui/wizard/receipt_view.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::wizard {
namespace {

using procedures::WizardSession;
using State = WizardSession::State;

class WizardScreen : public Screen {
public:
    WizardScreen(std::string procedureId, WizardSession* session) : procedureId_(std::move(procedureId)), session_(session) {}

    std::string id() const override { return "wizard"; }
    std::string title() const override {
        return session_ ? session_->procedure().title.in(session_->options().language) : std::string(_("Démarche"));
    }
    std::string instruction() const override {
        if (!session_) return {};
        switch (session_->state()) {
            case State::Question: return session_->indicator().text + " : " + session_->currentStep().title.in(lang());
            case State::Review: return _("Vérifiez vos réponses, puis envoyez votre demande.");
            case State::ConfirmCancel: return _("Voulez-vous arrêter la démarche ?");
            case State::Done: return _("Votre demande est enregistrée.");
            case State::Cancelled: return {};
        }
        return {};
    }
    std::string help() const override {
        if (!session_) return {};
        if (session_->state() == State::Question && !session_->currentStep().help.empty())
            return session_->currentStep().help.in(lang());
        return session_->procedure().falc.in(lang());
    }

    void onLeave(UiContext& ctx) override {
        if (ctx.services.cardReader) ctx.services.cardReader->cancel();  // a read waiting for a card ends here
    }

    Intent draw(UiContext& ctx) override {
        if (!session_) return unknown(ctx);
        session_->setLanguage(ctx.session.language().empty() ? "fr" : ctx.session.language());
        session_->setLargeText(largeTextMode(ctx));
        switch (session_->state()) {
            case State::Question: return question(ctx);
            case State::Review: return review(ctx);
            case State::ConfirmCancel: return confirmCancel(ctx);
            case State::Done: return cardTaken_ || !mustTakeCardBack(ctx) ? done(ctx) : takeCardBack(ctx);
            case State::Cancelled: return Intent::home();
        }
        return {};
    }

private:
    std::string procedureId_;
    WizardSession* session_;
    std::string confirmError_;
    std::string pageKey_;
    TakeCardBackPanel takeBack_;  // "Reprenez votre carte" before the confirmation (card step)
    bool cardTaken_ = false;

    std::string lang() const { return session_->options().language; }

    // A new page starts at its top, not where the previous one was scrolled to.
    void scrollToTopOnChange(UiContext& ctx) {
        std::string key = std::to_string(static_cast<int>(session_->state()));
        if (session_->state() == State::Question) key += ":" + std::to_string(session_->pageIndex());
        if (key != pageKey_) {
            // A read still waiting for a card belongs to the page being left.
            if (!pageKey_.empty() && ctx.services.cardReader) ctx.services.cardReader->cancel();
            ImGui::SetScrollY(0);
            pageKey_ = key;
            ctx.requestFrame();  // the scroll applies next frame: draw it so rects are right
        }
    }
    static std::string bareLabel(std::string label) {
        while (!label.empty() && (label.back() == ' ' || label.back() == ':')) label.pop_back();
        return label;
    }

    static ButtonStyle primary(const char* icon = nullptr) {
        ButtonStyle st;
        st.kind = ButtonKind::Primary;
        if (icon) st.icon = icon;
        return st;
    }
    static ButtonStyle quiet() {
        ButtonStyle st;
        st.kind = ButtonKind::Quiet;
        return st;
    }

    // Back goes to the previous page of the wizard (never losing answers); on the first
    // page, and for Home, leaving would lose the answers: ask once.
    Intent footer(PageScope& page) {
        Intent f = page.finish();
        if (f.kind == Intent::Kind::Back) {
            if (session_->state() == State::Question && session_->back()) return {};
            if (session_->state() == State::Review) { session_->back(); return {}; }
            session_->requestCancel();
            return {};
        }
        if (f.kind == Intent::Kind::Home) {
            session_->requestCancel();
            return {};
        }
        return f;
    }

    Intent question(UiContext& ctx) {
        std::string t = title(), sub = instruction();
        PageScope page(ctx, {.title = t, .subtitle = sub});
        scrollToTopOnChange(ctx);
        const auto& step = session_->currentStep();
        if (!step.help.empty() && !largeTextMode(ctx)) paragraph(ctx, step.help.in(lang()), true);
        for (const auto* field : session_->currentFields()) drawField(ctx, *session_, *field);
        if (!session_->errors().empty())
            paragraph(ctx, _("Une ou plusieurs réponses sont à corriger : le message est sous la question."));
        if (bigButton(ctx, "next##wizard", _("Continuer"), primary("check"))) session_->next();
        if (bigButton(ctx, "cancel##wizard", _("Annuler la démarche"), quiet())) session_->requestCancel();
        return footer(page);
    }

    Intent review(UiContext& ctx) {
        std::string t = _("Vérifiez vos réponses");
        PageScope page(ctx, {.title = t, .subtitle = title()});
        scrollToTopOnChange(ctx);
        if (!session_->procedure().anonymous())
            ctx.tree.markPersonalContent();  // the answers: spoken only through a headset (A3)
        std::string lastStep;
        for (const auto& item : session_->review()) {
            if (item.stepTitle != lastStep) {
                heading(ctx, item.stepTitle);
                lastStep = item.stepTitle;
            }
            paragraph(ctx, bareLabel(item.label) + " : " + item.value);
            std::string id = "change:" + item.fieldId + "##review";
            std::string label = std::string(_("Modifier")) + " : " + bareLabel(item.label);
            if (bigButton(ctx, id.c_str(), label, quiet())) session_->change(item.fieldId);
        }
        spacing(ctx, 16);
        if (!confirmError_.empty()) paragraph(ctx, confirmError_);
        const char* send = session_->procedure().anonymous() ? _("Envoyer mon avis") : _("Envoyer ma demande");
        if (bigButton(ctx, "confirm##review", send, primary("check"))) {
            auto r = session_->confirm();
            confirmError_ = r ? std::string() : r.error().message;
            if (r) printOnce(ctx);
        }
        if (bigButton(ctx, "cancel##review", _("Annuler la démarche"), quiet())) session_->requestCancel();
        return footer(page);
    }

    Intent confirmCancel(UiContext& ctx) {
        std::string t = _("Arrêter la démarche ?");
        PageScope page(ctx, {.title = t, .subtitle = title(), .back = false, .home = false});
        scrollToTopOnChange(ctx);
        paragraph(ctx, _("Si vous arrêtez, toutes vos réponses sont effacées. Rien n'est envoyé à la mairie."));
        Intent intent;
        if (bigButton(ctx, "resume##cancel", _("Non, je continue"), primary("back"))) session_->resumeAfterCancelRequest();
        ButtonStyle danger;
        danger.kind = ButtonKind::Secondary;
        danger.icon = "cross";
        if (bigButton(ctx, "wipe##cancel", _("Oui, tout effacer"), danger)) {
            session_->confirmCancel();
            clearFieldBuffers(ctx, session_->procedure());
            WizardRuntime::instance()->endSession();
            session_ = nullptr;
            intent = Intent::home();
        }
        Intent f = page.finish();
        return intent ? intent : f;
    }

    // Once a card was read, the resident takes it back before the confirmation page.
    bool mustTakeCardBack(UiContext& ctx) {
        bool read = false;
        for (const auto& step : session_->procedure().steps)
            for (const auto& f : step.fields) {
                const auto* raw = f.type == procedures::FieldType::Card ? session_->rawAnswer(f.id) : nullptr;
                if (raw && raw->is_object() && raw->value("source", "") == "card") read = true;
            }
        if (!read || !TakeCardBackPanel::cardInside(ctx)) {
            cardTaken_ = true;  // asked once: a card inserted later is not this session's
            return false;
        }
        return true;
    }

    Intent takeCardBack(UiContext& ctx) {
        std::string t = title();
        PageScope page(ctx, {.title = t, .back = false, .home = false});
        if (takeBack_.draw(ctx)) {
            cardTaken_ = true;
            ctx.requestFrame();  // the confirmation page, next frame
        }
        page.finish();
        return {};
    }

    Intent done(UiContext& ctx) {
        std::string t = session_->procedure().anonymous() ? _("Merci !") : _("Demande enregistrée");
        PageScope page(ctx, {.title = t, .subtitle = title(), .back = false, .home = false});
        scrollToTopOnChange(ctx);
        if (!session_->procedure().anonymous())
            ctx.tree.markPersonalContent();  // the receipt: spoken only through a headset (A3)
        if (!session_->procedure().anonymous())
            heading(ctx, std::string(_("Votre référence : ")) + session_->submission().reference);
        drawReceipt(ctx, session_->receipt());
        // The reference must not vanish while it is being copied (issue 14): 3 minutes, said.
        ctx.readingTime = std::chrono::minutes(3);
        paragraph(ctx, _("Cette page reste affichée 3 minutes, le temps de noter votre référence."), true);
        auto* rt = WizardRuntime::instance();
        if (rt && !rt->printStatus.empty()) paragraph(ctx, rt->printStatus, true);
        Intent intent;
        if (bigButton(ctx, "finish##done", _("Terminer"), primary("home"))) intent = Intent::endSession();
        Intent f = page.finish();
        return intent ? intent : f;
    }

    void printOnce(UiContext& ctx) {
        auto* rt = WizardRuntime::instance();
        if (!rt || rt->receiptPrinted) return;
        rt->receiptPrinted = true;
        if (!ctx.services.printer || ctx.services.printer->status() == DeviceStatus::Absent) {
            rt->printStatus = _("L'imprimante n'est pas disponible : notez votre référence ou prenez l'écran en photo.");
            return;
        }
        rt->printStatus = _("Impression du reçu…");
        ctx.services.printer->print(session_->receipt(), [](Result<void> r) {
            if (auto* runtime = WizardRuntime::instance())
                runtime->printStatus = r ? _("Votre reçu est imprimé. Prenez-le sous l'écran.")
                                         : _("Le reçu n'a pas pu être imprimé : notez votre référence.");
        });
    }

    Intent unknown(UiContext& ctx) {
        PageScope page(ctx, {.title = _("Démarche indisponible")});
        paragraph(ctx, _("Cette démarche n'est pas disponible sur cette borne. L'accueil de la mairie peut vous aider."));
        Intent intent;
        if (bigButton(ctx, "home##wizard", _("Retour à l'accueil"), primary("home"))) intent = Intent::home();
        Intent f = page.finish();
        return intent ? intent : f;
    }
};

}  // namespace

GUICHET_SCREEN("wizard", [](UiContext& ctx, const std::string& param) {
    auto* rt = WizardRuntime::instance();
    WizardSession* s = rt ? rt->begin(ctx, param) : nullptr;
    return std::make_unique<WizardScreen>(param, s);
});

}  // namespace guichet::ui::wizard
