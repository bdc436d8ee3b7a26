// Is every resident-facing text of the catalogue written in every language the terminal
// offers? A missing translation is not fatal at run time (the French text is shown), so the
// loader accepts it; `guichetctl catalogue check` and the build refuse it (issue 14).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk/procedures/diagnostics.hpp"
#include "kiosk/procedures/procedure.hpp"

namespace guichet::procedures {

// One diagnostic per text and missing language: "file:line: texte « title » sans
// traduction es : « Demander un acte… »".
void checkTranslations(const Catalogue& catalogue, const std::string& settingsFile,
                       const std::vector<std::string>& languages, Diagnostics& diags);

// Every resident-facing text of the catalogue, with its file and its key name.
using TextVisitor = std::function<void(const std::string& file, const LocalizedText& text, const char* what)>;
void visitTexts(const Catalogue& catalogue, const std::string& settingsFile, const TextVisitor& visit);

// Texts still holding the importer's "[À COMPLÉTER]" placeholder (guichetctl catalogue
// import): a warning each, "file:line: avertissement : texte « label » à compléter : « … »".
void checkPlaceholders(const Catalogue& catalogue, const std::string& settingsFile, Diagnostics& warnings);

}  // namespace guichet::procedures
