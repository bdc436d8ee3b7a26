// The scanner the running terminal uses: its configuration from the terminal's TOML
// ([scanner] / [attachment], see config/scanner.toml) or, with --demo, a software eSCL
// scanner served on loopback with two sheets in its feeder. The DeviceManager hosts the
// service (ui/integration's devices extension); the setup owns the demo scanner, which must
// outlive it.
#pragma once

#include <memory>
#include <optional>

#include "drivers/emulators/escl/emulator_tcp_server.hpp"
#include "kiosk/scan/scanner_config.hpp"

namespace guichet::ui {

class UiContext;

struct ScannerSetup {
    std::optional<scan::ScannerConfig> config;  // nullopt: no scanner (a wrong file is logged)
    std::unique_ptr<emu::EsclEmulator> emulator;       // demo only
    std::unique_ptr<emu::EmulatorTcpServer> server;    // demo only
};

ScannerSetup scannerSetupFor(const UiContext& ctx);

}  // namespace guichet::ui
