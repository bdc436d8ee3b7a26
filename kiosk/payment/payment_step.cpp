#include "kiosk/payment/payment_step.hpp"

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/payment/usb_link_factory.hpp"

namespace guichet::payment {

// The drivers give their reasons in French and know nothing of gettext: listed here so
// that xgettext extracts them and the page can show them in the resident's language.
[[maybe_unused]] static const char* const kDriverReasons[] = {
    N_("Le paiement a été refusé par la carte ou par la banque."),
    N_("Cette carte ne peut pas être utilisée ici."),
    N_("Le paiement a été annulé sur le terminal de paiement."),
    N_("Le paiement n'a pas pu aboutir."),
    N_("Le terminal de paiement a attendu trop longtemps : le paiement n'a pas été fait."),
    N_("Cette monnaie n'est pas acceptée par le terminal de paiement."),
    N_("La banque demande une vérification qui ne peut pas se faire ici."),
    N_("Le terminal de paiement n'a pas pu traiter le paiement."),
    N_("Le résultat du paiement n'est pas connu."),
    N_("Le résultat du paiement n'est pas connu : la somme a peut-être été débitée."),
    N_("Le terminal de paiement ne répond pas. Aucun paiement n'a été fait."),
};

bool terminalReady(const PaymentConfig& c) {
    if (!c.enabled) return false;
    if (c.device.kind == DeviceAddress::Kind::Tcp) return !c.device.host.empty();
    auto link = makeUsbLink(c.device);  // finds the device, opens nothing
    return link.ok();
}

PaymentStep::PaymentStep(PaymentService& service, std::string procedureId, std::string billReference,
                         std::int64_t amountCents)
    : service_(service),
      procedureId_(std::move(procedureId)),
      billReference_(std::move(billReference)),
      amountCents_(amountCents) {}

PaymentStep::~PaymentStep() {
    cancel_ = true;
    if (worker_.joinable()) worker_.join();
}

void PaymentStep::start(PaymentLink* link) {
    {
        std::lock_guard l(mutex_);
        if (phase_ == Phase::Paying || phase_ == Phase::Cancelling) return;
        if (result_ && !mayRetryLocked()) return;
        phase_ = Phase::Paying;
        result_.reset();
    }
    if (worker_.joinable()) worker_.join();
    cancel_ = false;
    step_ = Step::Connecting;
    worker_ = std::thread([this, link] {
        PaidBill paid = service_.pay(procedureId_, billReference_, amountCents_, cancel_,
                                     [this](Step s) {
                                         step_ = s;
                                         if (onChange_) onChange_();
                                     },
                                     link);
        {
            std::lock_guard l(mutex_);
            result_ = std::move(paid);
            phase_ = Phase::Result;
        }
        if (onChange_) onChange_();
    });
}

void PaymentStep::cancel() {
    std::lock_guard l(mutex_);
    if (phase_ != Phase::Paying) return;
    cancel_ = true;
    phase_ = Phase::Cancelling;
}

PaymentStep::Phase PaymentStep::phase() const {
    std::lock_guard l(mutex_);
    return phase_;
}

std::optional<PaidBill> PaymentStep::result() const {
    std::lock_guard l(mutex_);
    return result_;
}

bool PaymentStep::mayRetryLocked() const {
    if (!result_) return true;
    switch (result_->result.outcome) {
        case Outcome::Refused:
        case Outcome::Abandoned:
        case Outcome::TimedOut:
        case Outcome::NotSent: return true;
        default: return false;
    }
}

bool PaymentStep::mayRetry() const {
    std::lock_guard l(mutex_);
    return mayRetryLocked();
}

PaymentTexts PaymentStep::texts() const {
    std::lock_guard l(mutex_);
    PaymentTexts t;
    t.amount = formatAmountFrench(amountCents_);
    // "12 euros 50": what a French voice reads naturally (the comma form is read "virgule").
    t.spoken = "Montant à payer : " + std::to_string(amountCents_ / 100) + " euros" +
               (amountCents_ % 100 ? " " + std::to_string(amountCents_ % 100) : std::string());
    switch (phase_) {
        case Phase::Offer:
            t.title = N_("Payer par carte bancaire");
            t.body = N_("Payer maintenant par carte bancaire");
            return t;
        case Phase::Paying:
            t.title = N_("Paiement en cours");
            t.body = N_("Insérez ou présentez votre carte sur le terminal de paiement, puis suivez ses instructions");
            t.next = N_("Pour annuler, appuyez sur « Annuler ».");
            return t;
        case Phase::Cancelling:
            t.title = N_("Annulation en cours");
            t.body = N_("Appuyez sur la touche rouge du terminal de paiement pour annuler le paiement.");
            return t;
        case Phase::Result: break;
    }
    const PaymentResult& r = result_->result;
    switch (r.outcome) {
        case Outcome::Approved:
            t.title = N_("Paiement accepté");
            t.body = N_("Votre facture est payée. Le terminal de paiement imprime votre ticket de carte.");
            t.next = N_("Gardez votre reçu.");
            return t;
        case Outcome::Refused:
            t.title = N_("Paiement refusé");
            t.body = r.frenchReason;
            t.next = N_("Vous pouvez essayer avec une autre carte, ou payer au guichet de la mairie.");
            t.alert = true;
            return t;
        case Outcome::Abandoned:
        case Outcome::TimedOut:
            t.title = N_("Paiement non effectué");
            t.body = r.frenchReason;
            t.next = N_("Aucune somme n'a été débitée. Vous pouvez réessayer, ou payer au guichet de la mairie.");
            t.alert = true;
            return t;
        case Outcome::NotSent:
            t.title = N_("Paiement impossible pour le moment");
            t.body = N_("Le terminal de paiement ne répond pas. Aucun paiement n'a été fait.");
            t.next = N_("Vous pouvez payer au guichet de la mairie.");
            t.alert = true;
            return t;
        case Outcome::Unknown: break;
    }
    t.title = N_("Résultat du paiement inconnu");
    t.body = N_("Nous ne savons pas si la somme a été débitée.");
    t.next = N_("Ne réessayez pas, adressez-vous à l'accueil avec ce reçu");
    t.alert = true;
    return t;
}

}  // namespace guichet::payment
