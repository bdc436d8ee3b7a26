// The receipt's card payment section, from the submission's answers["paiement"]
// (paymentSection): "Paiement par carte accepté", amount, authorisation, card ****1234,
// date, transaction. The TPE prints the card-holder ticket itself.
#pragma once

#include <nlohmann/json.hpp>

#include "drivers/document/receipt_document.hpp"

namespace guichet::payment {

// True when `answers` holds a payment section (then the receipt shows it, and no QR code
// to pay online: the bill is paid, or its outcome is being checked).
bool hasPaymentSection(const nlohmann::json& answers);
void appendPaymentSection(doc::ReceiptDocument& receipt, const nlohmann::json& answers);

}  // namespace guichet::payment
