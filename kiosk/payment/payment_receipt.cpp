#include "kiosk/payment/payment_receipt.hpp"

#include <ctime>

#include "drivers/payment/payment_request.hpp"
#include "kiosk/i18n/i18n.hpp"

namespace guichet::payment {

bool hasPaymentSection(const nlohmann::json& answers) {
    return answers.is_object() && answers.contains("paiement") && answers["paiement"].is_object();
}

// Written in the session's language (gettext follows it, like the rest of the receipt).
// A payment that did not go through says so in words, and that the bill is still owed:
// a resident must never leave believing a refused payment paid the bill.
void appendPaymentSection(doc::ReceiptDocument& d, const nlohmann::json& answers) {
    if (!hasPaymentSection(answers)) return;
    const auto& p = answers["paiement"];
    const std::string status = p.value("statut", "");
    if (status == "approved") d.line(_("Paiement par carte accepté"));
    else if (status == "unknown") d.line(_("Paiement par carte : résultat inconnu, à vérifier à l'accueil"));
    else if (status == "refused") d.line(_("Paiement par carte refusé"));
    else d.line(_("Paiement par carte non effectué"));
    d.row(_("Montant"), formatAmountFrench(p.value("montant_centimes", std::int64_t{0})));
    if (p.contains("autorisation")) d.row(_("Autorisation"), p.value("autorisation", ""));
    if (p.contains("carte")) d.row(_("Carte"), p.value("carte", ""));
    if (const std::int64_t at = p.value("horodatage", std::int64_t{0}); at > 0) {
        std::time_t t = static_cast<std::time_t>(at);
        std::tm tm{};
        localtime_r(&t, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &tm);
        d.row(_("Date"), buf);
    }
    if (p.contains("transaction") && !p.value("transaction", "").empty()) d.row(_("Transaction"), p.value("transaction", ""));
    if (status == "unknown") d.line(_("Ne réessayez pas, adressez-vous à l'accueil avec ce reçu"));
    else if (status != "approved")
    {
        // Three short lines: "La facture reste due." must not be split by the paper's width.
        d.line(_("Aucune somme n'a été débitée."));
        d.line(_("La facture reste due."));
        d.line(_("Vous pouvez la payer au guichet de la mairie."));
    }
}

}  // namespace guichet::payment
