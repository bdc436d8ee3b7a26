// The [printer] table of the terminal's TOML file (config/terminal.toml, read by the shell)
// turned into a DeviceManagerConfig. Errors read "file:line: what is wrong".
#pragma once

#include <string>

#include "drivers/common/result.hpp"
#include "kiosk/devices/device_manager.hpp"

namespace toml { inline namespace v3 { class table; } }

namespace guichet {

// [printer]
// mode = "usb"            # "usb" (default) or "demo" (software printer)
// profile = "epson-tm-t20iii"   # optional: force a profile (else by USB id)
// profiles = "/etc/guichet/printers"  # optional: profile folder
// receipts_png = "demo-data/receipts" # demo: every receipt also saved as PNG here
// retry_seconds = 2       # between attempts of an interrupted receipt
// A missing [printer] table gives the defaults.
Result<DeviceManagerConfig> deviceConfigFromToml(const toml::table& root, const std::string& fileName);

}  // namespace guichet
