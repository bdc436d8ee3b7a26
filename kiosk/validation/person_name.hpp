// Names as they appear on French civil-status acts: accented letters (é, ç, œ, ß…),
// hyphens (Jean-Pierre), apostrophes (N'Diaye, O’Connor) and spaces (de La Fontaine);
// no digits, no symbols. The typographic apostrophe is kept as the straight one.
#pragma once

#include <string_view>

#include "kiosk/validation/check_result.hpp"

namespace guichet::validation {

// `what` names the field in messages: "Le nom", "Le prénom".
Check checkPersonName(std::string_view text, std::string_view what = "Le nom");

}  // namespace guichet::validation
