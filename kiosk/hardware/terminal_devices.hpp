// The terminal's three kinds of devices under one DeviceManager: the receipt printer, the
// card reader and the scanner, from the terminal's configuration. What the running terminal,
// `guichetctl devices` and the tests build, so they all ask the same place.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/card/card_config.hpp"
#include "kiosk/card/card_reader_host.hpp"
#include "kiosk/config/terminal_config.hpp"
#include "kiosk/devices/device_manager.hpp"
#include "kiosk/scan/scanner_config.hpp"
#include "kiosk/scan/scanner_host.hpp"

namespace guichet {

struct TerminalDevicesConfig {
    DeviceManagerConfig printer;
    // The card reader's configuration ([card] or card.toml); without one the reader is still
    // followed and listed, and a read answers that no identifier is configured.
    std::optional<card::CardConfig> card;
    bool cardDemo = false;  // the emulated reader instead of USB
    std::optional<scan::ScannerConfig> scanner;  // none: no scanner hosted
};

// [printer], [card] and [scanner] of the terminal's file (each optional: "usb"/"auto"
// defaults). Errors are "file:line: what is wrong".
Result<TerminalDevicesConfig> terminalDevicesConfigFrom(const TerminalConfig& terminal);

struct TerminalDevices {
    std::unique_ptr<DeviceManager> manager;
    card::CardReaderHost* card = nullptr;    // owned by the manager; null when not hosted
    scan::ScannerHost* scanner = nullptr;    // owned by the manager; null when not hosted
};

// Builds the manager with its hosts; call manager->start() next.
TerminalDevices makeTerminalDevices(MainThreadQueue& ui, TerminalDevicesConfig config);

// Runs the UI queue until the devices have said where they stand: no new state for `quiet`
// (at least `quiet` after the call), or `limit` at most. Then the manager's devices().
std::vector<DeviceEvent> settledDevices(MainThreadQueue& ui, DeviceManager& manager,
                                        std::chrono::milliseconds quiet = std::chrono::milliseconds(400),
                                        std::chrono::milliseconds limit = std::chrono::milliseconds(4000));

}  // namespace guichet
