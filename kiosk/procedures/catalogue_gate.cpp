#include "kiosk/procedures/catalogue_gate.hpp"

#include "drivers/common/log.hpp"

namespace guichet::procedures {

CatalogueGate openCatalogueOrRefuse(const std::string& directory) {
    auto load = loadCatalogue(directory);
    CatalogueGate gate;
    if (load.ok()) {
        gate.catalogue = std::make_shared<const Catalogue>(std::move(load.catalogue));
        return gate;
    }
    for (const auto& d : load.diagnostics) {
        gate.report += d.format() + "\n";
        log::error("catalogue", d.format());  // file:line and the rule: no personal data
    }
    return gate;
}

}  // namespace guichet::procedures
