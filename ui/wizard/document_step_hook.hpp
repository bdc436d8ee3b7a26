// Lets another ui area draw the scanning part of a document field (the "Numérisez votre
// document" step, ui/scan_step) without the wizard depending on it. Unset: a plain scan button.
#pragma once

#include <string>

#include "kiosk/procedures/wizard_session.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::wizard {

using DocumentStepDrawer = void (*)(UiContext&, procedures::WizardSession&, const procedures::Field&,
                                    const std::string& lang);
DocumentStepDrawer& documentStepDrawer();

// True while the step waits on the scanner or on the resident's choice about a fresh scan
// (keep it or scan again): the field's other actions ("J'apporterai au guichet") are not
// offered meanwhile, they would only compete with that choice. Unset: never.
using DocumentStepBusy = bool (*)(const procedures::WizardSession&, const procedures::Field&);
DocumentStepBusy& documentStepBusy();

}  // namespace guichet::ui::wizard
