// Identifiers of French administrative procedures: the ANTS pre-demand number of an
// identity card or passport application, and amounts of money typed the French way.
#pragma once

#include <string_view>

#include "kiosk/validation/check_result.hpp"

namespace guichet::validation {

// 10 letters or digits, as printed on the ANTS summary; spaces and hyphens are ignored,
// letters are upper-cased. Canonical value: "A1B2C3D4E5".
Check checkAntsPreDemande(std::string_view text);

// "12,50", "12.50 €", "1 234,5" -> canonical "12.50"; 2 decimals at most, > 0 and <= maxEuros.
Check checkAmountEuros(std::string_view text, long maxEuros = 100000);
// "12.50" -> "12,50 €" for screens and receipts.
std::string displayEuros(std::string_view canonical);

}  // namespace guichet::validation
