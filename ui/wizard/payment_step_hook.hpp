// Lets the payment area (ui/payment_step) draw the card payment page of a step type =
// "payment" without the wizard depending on it, like document_step_hook.hpp. Unset (no
// payment area linked): no terminal is ready, the payment step never runs.
#pragma once

#include <memory>

#include "kiosk/procedures/wizard_session.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::wizard {

// One payment page for one session in State::Payment. It owns the payment in flight: its
// destructor cancels it (the resident left, the session ended). When the resident is done
// it calls session.finishPayment() (the state becomes Done) or leavePayment().
class PaymentPage {
public:
    virtual ~PaymentPage() = default;
    virtual Intent draw(UiContext& ctx, procedures::WizardSession& session) = 0;
};

struct PaymentStepHook {
    bool (*ready)(UiContext&) = nullptr;  // a TPE configured and ready: the offer may be shown
    std::unique_ptr<PaymentPage> (*makePage)(UiContext&, procedures::WizardSession&) = nullptr;
    // What the screen's announcement adds on the payment page: the amount, in words a voice
    // reads well ("Montant à payer : 42 euros 50").
    std::string (*spokenAmount)(const procedures::WizardSession&) = nullptr;
};
PaymentStepHook& paymentStepHook();

}  // namespace guichet::ui::wizard
