// What the terminal calls at start-up: load the catalogue and refuse to start on any
// problem, with the same file:line lines as `guichetctl catalogue check`.
#pragma once

#include <memory>
#include <string>

#include "kiosk/procedures/catalogue_loader.hpp"

namespace guichet::procedures {

struct CatalogueGate {
    std::shared_ptr<const Catalogue> catalogue;  // null when refused
    std::string report;                          // one "file:line: message" a line, when refused
    bool ok() const { return catalogue != nullptr; }
};

// Loads `directory`; on any diagnostic returns no catalogue and the report (and logs it).
CatalogueGate openCatalogueOrRefuse(const std::string& directory);

}  // namespace guichet::procedures
