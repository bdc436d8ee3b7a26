// The terminal's card payment device as the UI sees it: the configuration read at start
// ([payment] in terminal.toml, else payment.toml next to it; --demo: the software TPE on
// loopback), whether it is ready, and the payments still running after their page closed.
#pragma once

#include <memory>
#include <optional>

#include "drivers/emulators/payment/tpe_emulator.hpp"
#include "kiosk/outbox/payment_intents.hpp"
#include "kiosk/payment/payment_step.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::payment_step {

// One payment and what it needs, shared by its page and, if the page closes while the TPE
// still has the request, by the terminal until the worker ends. It has its own connection to
// the outbox database: the worker may outlive the outbox service at exit, and must still
// commit what the TPE answered.
struct Flight {
    Flight(payment::PaymentConfig config, std::unique_ptr<outbox::Db> database)
        : db(std::move(database)), intents(*db), service(std::move(config), &intents) {}
    std::unique_ptr<outbox::Db> db;
    outbox::PaymentIntents intents;
    payment::PaymentService service;
    std::unique_ptr<payment::PaymentStep> step;
};

// Wakes the UI thread from a payment worker; does nothing once the terminal shut down.
void wakeUi();

// The configuration in force (nullopt: no card payment on this terminal).
const std::optional<payment::PaymentConfig>& config();
// Enabled, device present (USB) or addressed (TCP), and the outbox open to commit intents.
bool ready(UiContext& ctx);
// A new payment against the outbox database; null when not ready.
std::shared_ptr<Flight> newFlight(UiContext& ctx);
// The page closed while `flight` was still running (session ended, screen left): it is
// cancelled and kept until its worker ends, never joined on the UI thread.
void adopt(std::shared_ptr<Flight> flight);
// Whether a payment is still waiting for the TPE (Paying or Cancelling), page open or not.
bool paymentRunning();
// With --demo: the software TPE (scenario steps script it); null otherwise.
emu::TpeEmulator* demoTpe();
// With --demo: the software TPE stops listening, as a TPE switched off (its address stays
// configured, so the offer stays: a real TCP TPE is not probed before paying).
void switchOffDemoTpe();

}  // namespace guichet::ui::payment_step
