// The procedures' place in the running terminal: the catalogue loaded at start-up (the
// terminal refuses to start on an invalid one), the town's appointment book, the store the
// wizard hands submissions to, and the one WizardSession of the resident at the terminal.
#pragma once

#include <memory>
#include <string>

#include "kiosk/procedures/catalogue_gate.hpp"
#include "kiosk/procedures/in_memory_submission_store.hpp"
#include "kiosk/procedures/wizard_session.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::wizard {

class WizardRuntime {
public:
    static WizardRuntime* instance();  // null before the extension started

    const procedures::Catalogue& catalogue() const { return *catalogue_; }
    // Starts (or restarts) the resident's session on a procedure; null if unknown.
    procedures::WizardSession* begin(UiContext& ctx, const std::string& procedureId);
    procedures::WizardSession* current() { return session_.get(); }
    void endSession();  // wipes the answers (WizardSession's destructor)
    // The operator console's "Recharger le catalogue": a valid catalogue replaces the one in
    // use (any wizard is ended first); an invalid one is refused and the one in use kept.
    // Returns "" when reloaded, else the file:line report. Appointment calendars keep their
    // bookings: a changed calendar applies at the next start.
    std::string reload(UiContext& ctx);
    bool receiptPrinted = false;
    std::string printStatus;  // what the confirmation page says about the printed receipt

    // The last submission stored during this run (for headless scenarios' expected JSON).
    const nlohmann::json& lastSubmission() const { return lastSubmission_; }

    // Internals for the extension.
    void start(UiContext& ctx);
    void rememberSubmission(const Submission& s);

private:
    std::shared_ptr<const procedures::Catalogue> catalogue_;
    procedures::AppointmentBook book_;
    procedures::InMemorySubmissionStore fallbackStore_;  // until the outbox registers its store
    std::unique_ptr<procedures::WizardSession> session_;
    nlohmann::json lastSubmission_;
    std::string sessionProcedure_;
};

// Where the catalogue is: [catalogue] dir in terminal.toml, else $GUICHET_CATALOGUE, else
// ./config/procedures.
std::string catalogueDirectory(const UiContext& ctx);
bool largeTextMode(const UiContext& ctx);

}  // namespace guichet::ui::wizard
