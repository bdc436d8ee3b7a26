// Is every resident-facing text of the catalogue written in every language the terminal
// offers? A missing translation is not fatal at run time (the French text is shown), so the
// loader accepts it; `guichetctl catalogue check` and the build refuse it (issue 14).
#pragma once

#include <string>
#include <vector>

#include "kiosk/procedures/diagnostics.hpp"
#include "kiosk/procedures/procedure.hpp"

namespace guichet::procedures {

// One diagnostic per text and missing language: "file:line: texte « title » sans
// traduction es : « Demander un acte… »".
void checkTranslations(const Catalogue& catalogue, const std::string& settingsFile,
                       const std::vector<std::string>& languages, Diagnostics& diags);

}  // namespace guichet::procedures
