// Contact details as a French desk agent checks them: phone numbers in every usual
// spelling (06 12 34 56 78, +33 6…, 0033…), postal codes (5 digits, real département),
// communes matched without minding accents, e-mail addresses with the common typos caught.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/validation/check_result.hpp"

namespace guichet::validation {

// Canonical value: E.164 "+33612345678". mobileOnly: 06/07 (SMS reminders).
Check checkFrenchPhone(std::string_view text, bool mobileOnly = false);
// "+33612345678" -> "06 12 34 56 78" for screens and receipts.
std::string displayFrenchPhone(std::string_view e164);

Check checkPostalCode(std::string_view text);

// Postal code -> communes served, as the town hall's config lists them (its area only;
// the terminal is offline and cannot know every commune of France).
using CommuneTable = std::map<std::string, std::vector<std::string>>;
// Canonical commune spelling from the table when the code is listed; free text (letters,
// spaces, hyphens, apostrophes) when not listed and `localOnly` is false.
Check checkCommune(std::string_view postalCode, std::string_view commune, const CommuneTable& table, bool localOnly);

// Canonical value: trimmed, domain in lower case.
Check checkEmail(std::string_view text);

}  // namespace guichet::validation
