// The card payment page of a step type = "payment": the amount very large (and spoken
// with the page), what to do at the payment terminal, progress, Annuler; after a refusal
// or an abandon, what happened and what to do next (another card, or later at the desk).
// An approved or unknown outcome is stored with the submission at once, and the wizard's
// confirmation page says it: a payment must not wait on a tap to be recorded.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include <imgui.h>

#include "drivers/common/log.hpp"
#include "drivers/payment/payment_request.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"
#include "ui/payment_step/payment_terminal.hpp"
#include "ui/wizard/payment_step_hook.hpp"

namespace guichet::ui::payment_step {
namespace {

using payment::Outcome;
using Phase = payment::PaymentStep::Phase;

// What a French voice reads well ("42 euros 50"), where "42,50 €" would be "42 virgule 50".
std::string spokenAmount(std::int64_t cents) {
    std::string s = std::to_string(cents / 100) + " " + _("euros");
    if (cents % 100) s += " " + std::to_string(cents % 100);
    return s;
}

const char* progressText(payment::Step step) {
    switch (step) {
        case payment::Step::Connecting:
        case payment::Step::Sending: return _("Connexion au terminal de paiement…");
        case payment::Step::WaitingForCard: return _("Le terminal de paiement attend votre carte.");
        case payment::Step::Finishing:
        case payment::Step::Done: return _("Paiement en cours de validation…");
    }
    return "";
}

// A button of the page: drawn after the text, side by side when the screen is wide.
struct Action {
    const char* id;
    std::string label;
    ButtonKind kind;
    const char* icon;
    std::function<void()> run;
};

bool landscape(const UiContext& ctx) { return ctx.width > ctx.height; }

// `first` (the amount) and `second` (what to do): side by side in landscape, stacked in portrait.
void twoParts(UiContext& ctx, PageScope& page, const std::function<void()>& first, const std::function<void()>& second) {
    if (!landscape(ctx)) {
        first();
        second();
        return;
    }
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float width = page.contentWidth(), gap = ctx.px(48);
    const float left = std::floor(width * 0.36f);
    ImGui::PushItemWidth(left);
    first();
    ImGui::PopItemWidth();
    const float leftBottom = ImGui::GetCursorScreenPos().y;
    // Indent, not only the cursor: each widget of the column starts its line there.
    ImGui::SetCursorScreenPos(ImVec2(top.x + left + gap, top.y));
    ImGui::Indent(left + gap);
    ImGui::PushItemWidth(width - left - gap);
    second();
    ImGui::PopItemWidth();
    ImGui::Unindent(left + gap);
    const float bottom = std::max(leftBottom, ImGui::GetCursorScreenPos().y);
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom));
    ImGui::Dummy(ImVec2(1, 0));
}

void drawActions(UiContext& ctx, PageScope& page, const std::vector<Action>& actions) {
    if (actions.empty()) return;
    const bool row = landscape(ctx) && actions.size() > 1;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float gap = ctx.px(28);
    const float w = row ? (page.contentWidth() - gap * (actions.size() - 1)) / actions.size() : page.contentWidth();
    float bottom = top.y;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const auto& a = actions[i];
        if (row) ImGui::SetCursorScreenPos(ImVec2(top.x + i * (w + gap), top.y));
        ButtonStyle st;
        st.kind = a.kind;
        st.icon = a.icon;
        ImGui::PushItemWidth(w);
        const bool pressed = bigButton(ctx, a.id, a.label, st);
        ImGui::PopItemWidth();
        bottom = std::max(bottom, ImGui::GetCursorScreenPos().y);
        if (pressed) a.run();
    }
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom));
    ImGui::Dummy(ImVec2(1, 0));
}

}  // namespace

std::string spokenAmountOf(const procedures::WizardSession& session);

namespace {

class CardPaymentPage : public wizard::PaymentPage {
public:
    ~CardPaymentPage() override { adopt(std::move(flight_)); }

    Intent draw(UiContext& ctx, procedures::WizardSession& session) override {
        if (unavailable_) return drawUnavailable(ctx, session);
        if (!flight_ && !start(ctx, session)) return drawUnavailable(ctx, session);
        auto& step = *flight_->step;
        const Phase phase = step.phase();
        if (phase == Phase::Result && !storeError_.size() && finishesAtOnce(step)) {
            finish(session, step);
            if (session.state() != procedures::WizardSession::State::Payment) return {};
        }
        if (phase != Phase::Result) {
            // PIN entry takes minutes: the session must not end under the resident's card.
            const auto& t = config()->timeouts;
            ctx.readingTime = std::chrono::duration_cast<std::chrono::seconds>(t.connect + t.send + t.answer + t.cancelGrace) +
                              std::chrono::seconds(60);
        }
        const auto texts = step.texts();
        const std::string title = _(texts.title.c_str());
        std::string stepTitle = session.paymentStep() ? session.paymentStep()->title.in(session.options().language) : std::string();
        // No Retour / Accueil here: leaving is "Annuler" (the TPE is told) or the buttons below.
        PageScope page(ctx, {.title = title, .subtitle = stepTitle, .back = false, .home = false});
        std::vector<Action> actions;
        // The amount beside what to do in landscape, above it in portrait: at 200 % the page
        // still fits the screen, with its buttons, without scrolling.
        twoParts(ctx, page, [&] {
            referenceBox(ctx, "amount##payment", _("Montant à payer"), texts.amount, spokenAmountOf(session));
        }, [&] {
            switch (phase) {
                case Phase::Offer: break;
                case Phase::Paying:
                    statusLine(ctx, _(texts.body.c_str()), "euro");
                    paragraph(ctx, progressText(step.step()), true);
                    actions.push_back({"cancel##payment", _("Annuler le paiement"), ButtonKind::Secondary, "cross",
                                       [&step] { step.cancel(); }});
                    break;
                case Phase::Cancelling:
                    alert(ctx, _(texts.body.c_str()));
                    paragraph(ctx, _("Attendez quelques secondes : le terminal de paiement confirme l'annulation."), true);
                    break;
                case Phase::Result: resultPage(ctx, session, step, texts, actions); break;
            }
        });
        drawActions(ctx, page, actions);
        return page.finish();
    }

private:
    std::shared_ptr<Flight> flight_;
    std::string storeError_;
    bool unavailable_ = false;

    // The TPE (or the outbox for its intent) went away between the offer and the payment:
    // nothing was sent. The resident goes back to choose another way, or pays at the desk.
    Intent drawUnavailable(UiContext& ctx, procedures::WizardSession& session) {
        PageScope page(ctx, {.title = _("Paiement impossible pour le moment"), .back = false, .home = false});
        std::vector<Action> actions;
        twoParts(ctx, page, [&] {
            referenceBox(ctx, "amount##payment", _("Montant à payer"),
                         payment::formatAmountFrench(session.paymentAmountCents()), spokenAmountOf(session));
        }, [&] {
            alert(ctx, _("Le terminal de paiement ne répond pas. Aucun paiement n'a été fait."));
            paragraph(ctx, _("Vous pouvez payer au guichet de la mairie."));
        });
        actions.push_back({"back##payment", _("Choisir un autre moyen de paiement"), ButtonKind::Primary, "back",
                           [&session] {
                               // Straight to the question that chose the card (the step's condition).
                               const procedures::Step* step = session.paymentStep();
                               std::string field;
                               if (step && step->condition && !step->condition->fieldsUsed().empty())
                                   field = *step->condition->fieldsUsed().begin();
                               session.leavePayment();
                               if (!field.empty()) session.change(field);
                           }});
        drawActions(ctx, page, actions);
        return page.finish();
    }

    bool start(UiContext& ctx, procedures::WizardSession& session) {
        flight_ = newFlight(ctx);
        if (!flight_) {  // the TPE went away since the offer: say so, nothing was sent
            log::warning("payment", "the payment terminal is not ready: nothing sent");
            unavailable_ = true;
            return false;
        }
        flight_->step = std::make_unique<payment::PaymentStep>(flight_->service, session.procedure().id,
                                                               session.paymentReference(), session.paymentAmountCents());
        flight_->step->setOnChange(&wakeUi);  // the UI redraws the new phase: no polling
        flight_->step->start();
        return true;
    }

    // Money taken, or maybe taken: recorded with the submission without waiting for a tap.
    static bool finishesAtOnce(const payment::PaymentStep& step) {
        auto r = step.result();
        return r && (r->result.outcome == Outcome::Approved || r->result.outcome == Outcome::Unknown);
    }

    void finish(procedures::WizardSession& session, const payment::PaymentStep& step) {
        auto paid = step.result();
        if (!paid) return;
        const bool approved = paid->result.outcome == Outcome::Approved;
        auto stored = session.finishPayment(payment::paymentSection(*paid), approved ? paid->txn : std::string());
        if (!stored) {
            // The intent stays "answered"/"unknown": staff see it as "à vérifier". Never charge again.
            log::error("payment", paid->txn + ": the submission could not be stored with its payment");
            storeError_ = stored.error().message;
        } else {
            storeError_.clear();
        }
    }

    void alert(UiContext& ctx, const std::string& text) {
        a11y::Node n;
        n.id = "alert##payment";
        n.role = a11y::Role::Alert;
        n.label = text;
        ctx.tree.add(n);
        statusLine(ctx, text, "alert");
    }

    void resultPage(UiContext& ctx, procedures::WizardSession& session, payment::PaymentStep& step,
                    const payment::PaymentTexts& texts, std::vector<Action>& actions) {
        if (!storeError_.empty()) {  // approved or unknown, not yet stored: say it, offer to try again
            alert(ctx, storeError_);
            paragraph(ctx, _("Ne réessayez pas le paiement, adressez-vous à l'accueil."), true);
            actions.push_back({"store##payment", _("Enregistrer à nouveau"), ButtonKind::Primary, "document",
                               [this, &session, &step] { finish(session, step); }});
            return;
        }
        // Refused, abandoned, timed out, not sent: nothing was taken.
        alert(ctx, _(texts.body.c_str()));
        paragraph(ctx, _(texts.next.c_str()));
        if (step.mayRetry()) {
            // After a refusal another card may do; when the TPE did not answer, just try again.
            const auto r = step.result();
            const bool notSent = r && r->result.outcome == Outcome::NotSent;
            actions.push_back({"retry##payment", notSent ? _("Réessayer") : _("Réessayer avec une carte"),
                               ButtonKind::Primary, "euro", [&step] { step.start(); }});
        }
        actions.push_back({"later##payment", _("Payer plus tard, au guichet"), ButtonKind::Secondary, "document",
                           [this, &session, &step] { finish(session, step); }});
    }
};

}  // namespace

std::string spokenAmountOf(const procedures::WizardSession& session) {
    return std::string(_("Montant à payer")) + _(" : ") + spokenAmount(session.paymentAmountCents());
}

std::unique_ptr<wizard::PaymentPage> makeCardPaymentPage(UiContext&, procedures::WizardSession&) {
    return std::make_unique<CardPaymentPage>();
}

}  // namespace guichet::ui::payment_step
