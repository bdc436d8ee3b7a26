// Loads the catalogue of procedures from a folder of TOML files (one procedure a file,
// plus _commune.toml for the town's settings) and checks it whole. Any diagnostic means
// the catalogue is invalid: the terminal refuses to start and shows the same lines.
#pragma once

#include <string>

#include "kiosk/procedures/diagnostics.hpp"
#include "kiosk/procedures/procedure.hpp"

namespace guichet::procedures {

struct CatalogueLoad {
    Catalogue catalogue;
    Diagnostics diagnostics;
    bool ok() const { return diagnostics.empty(); }
};

CatalogueLoad loadCatalogue(const std::string& directory);

// Parts, for tests and tools.
void parseSettingsFile(const std::string& path, CatalogueSettings& settings, Diagnostics& diags);
std::optional<Procedure> parseProcedureFile(const std::string& path, const CatalogueSettings& settings, Diagnostics& diags);
// Cross-field checks of one parsed procedure (conditions on unknown or later fields, rules,
// templates, calendars, anonymity of surveys).
void checkProcedure(const Procedure& p, const CatalogueSettings& settings, Diagnostics& diags);

}  // namespace guichet::procedures
