// The receipt of a confirmed submission, as a document: printed by the printer area,
// drawn on the confirmation page and spoken, from the same elements (A7).
#include "kiosk/payment/payment_receipt.hpp"
#include "kiosk/procedures/template_text.hpp"
#include "kiosk/procedures/wizard_session.hpp"

namespace guichet::procedures {

doc::ReceiptDocument WizardSession::receipt() const {
    doc::ReceiptDocument d;
    if (state_ != State::Done) return d;
    const std::string& lang = options_.language;
    const auto& spec = procedure_.receipt;
    d.title(spec.title.empty() ? procedure_.title.in(lang) : spec.title.in(lang));
    d.footer(settings_.townName.in(lang));
    auto fill = [this](const std::string& t) { return fillTemplate(t, [this](const std::string& n) { return placeholder(n); }); };
    d.line(fill("Le {date} à {heure}"));
    d.separator();
    d.elements.push_back(doc::Row{"Référence", submission_.reference, true});
    for (const auto& row : spec.rows) {
        std::string v = fill(row.value);
        if (!v.empty()) d.row(row.label.in(lang), v);
    }
    for (const auto& l : spec.lines) {
        std::string v = fill(l.in(lang));
        if (!v.empty()) d.line(v);
    }
    d.separator();
    if (payment::hasPaymentSection(submission_.answers)) {
        payment::appendPaymentSection(d, submission_.answers);  // paid at the terminal: no QR to pay
    } else if (spec.qr == "payment" && procedure_.payment.present()) {
        d.qr(paymentUrl(), "Pour payer en ligne, scannez ce code avec votre téléphone.");
        d.line(procedure_.payment.atDesk.in(lang));
    } else if (spec.qr == "reference") {
        d.qr(submission_.reference, "Votre référence : " + submission_.reference);
    }
    if (!spec.nextSteps.empty()) d.line(fill(spec.nextSteps.in(lang)));
    if (!spec.footer.empty()) d.footer(fill(spec.footer.in(lang)));
    d.footer("Gardez ce reçu : la référence est demandée au guichet.");
    return d;
}

}  // namespace guichet::procedures
