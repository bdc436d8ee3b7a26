// The "Numérisez votre document" step drawn inside a document field: progress while
// scanning, then the pages with "Garder" / "Recommencer" / "Ajouter une page" /
// "Supprimer la page", the kept pages attached as one file within the size limit.
#pragma once

#include "kiosk/scan/scan_attachment.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::scan_step {

// Installs the step into the wizard's document fields, with the terminal's attachment policy.
void install(const scan::AttachmentPolicy& policy);
// Wipes every page held by the step (session end, cancel); a scan in flight is dropped on arrival.
void wipeAll();

}  // namespace guichet::ui::scan_step
