// What the operator console shows, gathered when it opens and after each action: the same
// judgement as `guichetctl status` (kiosk/appliance assess(), on a heartbeat built from the
// live devices and the outbox read read-only), plus what only the terminal knows at once —
// the printer model, the payment terminal, disk space, the catalogue in use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/appliance/catalogue_fingerprint.hpp"
#include "kiosk/appliance/health.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::console_ui {

struct ConsoleFacts {
    appliance::StatusInputs inputs;   // heartbeat (live), outbox facts, thresholds
    appliance::StatusReport report;   // overall health and findings (codes)
    std::string printerModel;         // profile name, "" = detected by its USB id
    bool printerEmulated = false;
    bool paymentConfigured = false, paymentReady = false;
    std::optional<std::uintmax_t> diskFree, diskTotal;  // the state folder's file system
    appliance::CatalogueFingerprint catalogue;
    int procedures = 0;
    std::string outboxDatabase;
};

// Reads the outbox database (read-only, a few ms) and the catalogue folder: call it on an
// action, not every frame.
ConsoleFacts gatherConsoleFacts(UiContext& ctx);

}  // namespace guichet::ui::console_ui
