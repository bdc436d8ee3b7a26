// The scanner section of the terminal's configuration (config/scanner.toml): which device,
// how to scan, how patient to be, and what the attachment may weigh.
#pragma once

#include <string>

#include "drivers/escl/escl_client.hpp"
#include "kiosk/scan/scan_attachment.hpp"

namespace guichet::scan {

struct ScannerConfig {
    std::string device = "auto";  // auto | usb:VID:PID | http://HOST:PORT/eSCL
    int dpi = 300;
    bool color = true;
    // A platen request scans the feeder instead when sheets are waiting in it (the resident
    // may put a recto-verso or several pages there): "auto"; "platen" never does.
    bool feederWhenLoaded = true;
    escl::Millis requestTimeout{30000};
    escl::RetryPolicy retry{30, escl::Millis(1000)};
    escl::Millis statusPoll{5000};       // status probe after a change or a job…
    escl::Millis idleStatusPoll{120000}; // …backing off to this while nothing changes
    AttachmentPolicy attachment{};
};

// Missing keys keep their defaults; a wrong value is an InvalidArgument whose message is
// "path:line: what is wrong" for the operator.
Result<ScannerConfig> loadScannerConfig(const std::string& path);
Result<ScannerConfig> parseScannerConfig(std::string_view toml, const std::string& sourceName);

}  // namespace guichet::scan
