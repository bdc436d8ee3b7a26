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

}  // namespace guichet::ui::wizard
