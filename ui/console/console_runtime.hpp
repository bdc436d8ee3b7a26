// The operator console's state in the running terminal, shared by its extension (opening
// gesture, "hors service" at start-up) and its screens (PIN pad, status, actions): the
// [console] settings, the PIN gate (its failure count outlives a closed PIN pad), the
// out-of-service switch, and the audit log — who "console", what, when; never the PIN.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "kiosk/console/console_config.hpp"
#include "kiosk/console/opening_gesture.hpp"
#include "kiosk/console/pin_gate.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::console_ui {

// What systemd restarts: Restart=always restarts on any exit; this code (EX_TEMPFAIL) tells
// the journal that the operator asked for it, not a crash.
constexpr int kRestartExitCode = 75;

class ConsoleRuntime {
public:
    static ConsoleRuntime* instance();  // null before the extension started (or refused)

    ConsoleRuntime(console::ConsoleConfig config, std::string stateDir);
    ~ConsoleRuntime();

    const console::ConsoleConfig& config() const { return config_; }
    console::PinGate& gate() { return gate_; }
    console::OpeningGesture& gesture() { return gesture_; }
    // The clock the lockout runs on: the steady clock, plus what scenarios advanced it by
    // (`console-clock 301s`), so that a test does not wait five minutes.
    std::chrono::steady_clock::time_point now() const;
    void advanceClock(std::chrono::milliseconds by) { offset_ += by; }

    // Opens the PIN pad over whatever is on screen (starts a session when none is active).
    void open(UiContext& ctx, const char* how);
    // Sets and persists "hors service"; false (and the reason in `error`) when the switch
    // cannot be written — the terminal then stays as it was.
    bool setOutOfService(UiContext& ctx, bool on, std::string& error);

    // One line of the console's audit trail (journald adds the time): "console: <what>".
    static void audit(const std::string& what);

private:
    console::ConsoleConfig config_;
    std::string stateDir_;
    console::PinGate gate_;
    console::OpeningGesture gesture_;
    std::chrono::milliseconds offset_{0};
};

}  // namespace guichet::ui::console_ui
