// The receipt of a confirmed submission, as a document: printed by the printer area,
// drawn on the confirmation page and spoken, from the same elements (A7). Written in the
// session's language (the shell keeps gettext on it); the reference and an appointment
// are printed double size, the only things a resident must read again later.
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/payment/payment_receipt.hpp"
#include "kiosk/procedures/template_text.hpp"
#include "kiosk/procedures/wizard_session.hpp"

namespace guichet::procedures {

namespace {
// A row whose value is one appointment field ("{creneau}"): the time to remember.
bool isAppointmentRow(const Procedure& p, const ReceiptRow& row) {
    auto names = templatePlaceholders(row.value);
    if (names.size() != 1 || row.value != "{" + names[0] + "}") return false;
    const Field* f = p.findField(names[0]);
    return f && f->type == FieldType::Appointment;
}

void highlight(doc::ReceiptDocument& d, const std::string& label, const std::string& value) {
    d.elements.push_back(doc::Text{label, doc::Align::Center});
    d.elements.push_back(doc::Text{value, doc::Align::Center, true, true});
}
}  // namespace

doc::ReceiptDocument WizardSession::receipt() const {
    doc::ReceiptDocument d;
    if (state_ != State::Done) return d;
    const std::string& lang = options_.language;
    const auto& spec = procedure_.receipt;
    d.title(spec.title.empty() ? procedure_.title.in(lang) : spec.title.in(lang));
    d.footer(settings_.townName.in(lang));
    auto fill = [this](const std::string& t) { return fillTemplate(t, [this](const std::string& n) { return placeholder(n); }); };
    d.line(fill(_("Le {date} à {heure}")));
    d.separator();
    // An anonymous survey's reference identifies nothing the resident can ask about: it
    // is neither shown nor printed, and nothing asks to keep the receipt for it.
    const bool anonymous = procedure_.anonymous();
    if (!anonymous) highlight(d, _("Votre référence"), submission_.reference);
    for (const auto& row : spec.rows) {
        std::string v = fill(row.value);
        if (v.empty()) continue;
        if (isAppointmentRow(procedure_, row)) highlight(d, row.label.in(lang), v);
        else d.row(row.label.in(lang), v);
    }
    for (const auto& l : spec.lines) {
        std::string v = fill(l.in(lang));
        if (!v.empty()) d.line(v);
    }
    d.separator();
    if (payment::hasPaymentSection(submission_.answers)) {
        payment::appendPaymentSection(d, submission_.answers);  // paid at the terminal: no QR to pay
    } else if (spec.qr == "payment" && procedure_.payment.present()) {
        d.qr(paymentUrl(), _("Pour payer en ligne, scannez ce code avec votre téléphone."));
        d.line(procedure_.payment.atDesk.in(lang));
    } else if (spec.qr == "reference" && !settings_.followUpUrl.empty()) {
        // Only a page that tells where the demand stands is worth scanning; a bare
        // reference would just open a search for a code.
        std::string url = fillTemplate(settings_.followUpUrl, [this](const std::string& n) { return placeholder(n); }, true);
        d.qr(url, _("Pour suivre votre demande, scannez ce code avec votre téléphone."));
    }
    if (!spec.nextSteps.empty()) d.line(fill(spec.nextSteps.in(lang)));
    for (const auto& note : spec.next)
        if (note.when && note.when->evaluate(lookup(), options_.today)) d.line(fill(note.text.in(lang)));
    if (!spec.footer.empty()) d.footer(fill(spec.footer.in(lang)));
    if (!anonymous) d.footer(_("Gardez ce reçu : la référence est demandée au guichet."));
    return d;
}

}  // namespace guichet::procedures
