#include "kiosk/payment/payment_receipt.hpp"

#include <ctime>

#include "drivers/payment/payment_request.hpp"

namespace guichet::payment {

bool hasPaymentSection(const nlohmann::json& answers) {
    return answers.is_object() && answers.contains("paiement") && answers["paiement"].is_object();
}

void appendPaymentSection(doc::ReceiptDocument& d, const nlohmann::json& answers) {
    if (!hasPaymentSection(answers)) return;
    const auto& p = answers["paiement"];
    const std::string status = p.value("statut", "");
    if (status == "approved") d.line("Paiement par carte accepté");
    else if (status == "unknown") d.line("Paiement par carte : résultat inconnu, à vérifier à l'accueil");
    else d.line("Paiement par carte non effectué");
    d.row("Montant", formatAmountFrench(p.value("montant_centimes", std::int64_t{0})));
    if (p.contains("autorisation")) d.row("Autorisation", p.value("autorisation", ""));
    if (p.contains("carte")) d.row("Carte", p.value("carte", ""));
    if (const std::int64_t at = p.value("horodatage", std::int64_t{0}); at > 0) {
        std::time_t t = static_cast<std::time_t>(at);
        std::tm tm{};
        localtime_r(&t, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &tm);
        d.row("Date", buf);
    }
    if (p.contains("transaction")) d.row("Transaction", p.value("transaction", ""));
    if (status == "unknown") d.line("Ne réessayez pas, adressez-vous à l'accueil avec ce reçu");
}

}  // namespace guichet::payment
