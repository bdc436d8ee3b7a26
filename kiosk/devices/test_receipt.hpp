// The receipt `guichetctl print-test` prints: every hard case at once (accents, œ, €, a long
// row, QR, the logo, the cut), so one sheet tells the operator the profile is right.
#pragma once

#include <string>

#include "drivers/document/receipt_document.hpp"

namespace guichet {

doc::ReceiptDocument printerTestReceipt(const std::string& profileName, const std::string& logoPath);

}  // namespace guichet
