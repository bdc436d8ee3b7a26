// Where the terminal's core services keep their files and how they are configured, read
// from the terminal's TOML file ([outbox] config, [printer]) and the --data / --demo options.
#pragma once

#include <string>

#include "drivers/common/result.hpp"
#include "kiosk/config/terminal_config.hpp"
#include "kiosk/devices/device_manager.hpp"
#include "kiosk/outbox/outbox_config.hpp"

namespace guichet::ui::integration {

// --data, else "demo-data" with --demo, else "" (none: see outboxConfigFor).
std::string effectiveDataDir(const std::string& dataOption, bool demo);

// The outbox and uploader settings. With `[outbox] config = "outbox.toml"` in the terminal's
// file (relative to it), that file decides everything, database and key paths included.
// Without it: <data>/outbox.sqlite (key beside it) and every demand delivered by the
// `directory` connector into <data>/spool — a demo, or a town without a back-office API.
// Neither an outbox file nor a data folder: a real terminal refuses to start (InvalidArgument,
// the operator's message) — its demands would be lost at exit. Only when `temporaryAllowed`
// (a headless run: tests, scenarios) a fresh temporary folder is used, named in the log and
// removed at exit — nothing is written to a system folder nobody asked for.
struct OutboxSetup {
    outbox::OutboxConfig config;
    std::string forcedConnector;  // non-empty: every submission goes through this connector
    std::string temporaryDir;     // non-empty: created for this run, to remove at exit
};
Result<OutboxSetup> outboxConfigFor(const TerminalConfig& terminal, const std::string& dataDir,
                                    bool temporaryAllowed = false);

// The [printer] table (docs/printer.md); --demo forces the emulated printer, whose receipts
// are written (PNG + text) into [printer] receipts_png, else <data>/receipts.
Result<DeviceManagerConfig> printerConfigFor(const TerminalConfig& terminal, const std::string& dataDir, bool demo);

}  // namespace guichet::ui::integration
