// Draws one catalogue field with the shell's widgets (so it is in the accessibility tree
// and keypad-reachable) and writes what the resident does into the WizardSession. Text
// typed goes through Session::field buffers, wiped with the session.
#pragma once

#include "kiosk/procedures/wizard_session.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/core/paged_body.hpp"

namespace guichet::ui::wizard {

void drawField(UiContext& ctx, procedures::WizardSession& session, const procedures::Field& field);
// The same field cut into blocks for a paginated page: the question (label, help, error)
// as a header, then one block per answer of a list, so a long list spreads over sub-pages.
// `group` marks the blocks of this question.
std::vector<Block> fieldBlocks(UiContext& ctx, procedures::WizardSession& session, const procedures::Field& field,
                               int group);
// The question as named in the error summary ("Date de naissance").
std::string fieldTitle(const procedures::WizardSession& session, const procedures::Field& field);
// Buffers of the shell's session for a field (or one part of it: "voie", "code_postal").
std::string& fieldBuffer(UiContext& ctx, const procedures::Field& field, const char* part = nullptr);
// Empties (and overwrites) every buffer of a procedure: a new start or a cancel leaves
// nothing of the previous answers on screen.
void clearFieldBuffers(UiContext& ctx, const procedures::Procedure& procedure);

}  // namespace guichet::ui::wizard
