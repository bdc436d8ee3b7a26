#include "kiosk/procedures/catalogue_gate.hpp"

#include <filesystem>

#include "drivers/common/log.hpp"
#include "kiosk/procedures/translation_check.hpp"

namespace guichet::procedures {

CatalogueGate openCatalogueOrRefuse(const std::string& directory) {
    auto load = loadCatalogue(directory);
    CatalogueGate gate;
    if (load.ok()) {
        // Texts an import left to complete: the terminal starts (the files are valid) but the
        // operator's journal says which ones a resident would read as "[À COMPLÉTER] …".
        Diagnostics placeholders;
        checkPlaceholders(load.catalogue, (std::filesystem::path(directory) / "_commune.toml").string(), placeholders);
        for (const auto& d : placeholders) log::warning("catalogue", d.format());
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
