// guichetctl catalogue import open311|wcs …: the catalogue from the back office
// (kiosk/catalogue_import), reached through `guichetctl catalogue`.
#pragma once

#include "kiosk/ctl/command_registry.hpp"

namespace guichet::ctl {

int runCatalogueImport(const Args& args);  // args[0] == "import"
void catalogueImportUsage();

}  // namespace guichet::ctl
