// What differs between receipt printers, as data (config/printers/*.toml, loaded by kiosk/):
// paper width, columns, code pages and their ESC t numbers, QR, cut and status support.
// Code asks the profile (`nativeQr`, `cut`), never the model name.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "drivers/escpos/text_encoder.hpp"

namespace guichet::escpos {

enum class CutMode { None, Full, Partial };

struct PrinterProfile {
    std::string name;           // "tm-t20iii"
    std::string description;
    int widthDots = 576;        // printable width
    int dpi = 203;
    // ESC 3 / ESC J count in 1/verticalMotionUnit inch (GS P y): Epson's 203 dpi models
    // default to 406 (half a dot), the TM-T88 family to 360 at 180 dpi; many clones to dpi.
    // 0 = dpi.
    int verticalMotionUnit = 0;
    int columnsFontA = 48;
    int columnsFontB = 64;
    std::vector<CodePageSlot> codePages;  // preference order
    bool nativeQr = true;       // GS ( k; else the QR is rasterised (libqrencode)
    int qrModuleSize = 6;       // dots per module for native QR
    CutMode cut = CutMode::Partial;
    int cutFeedLines = 3;       // lines fed before cutting (the cutter sits above the head)
    bool realtimeStatus = true; // answers DLE EOT
    int rasterBandRows = 1024;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> usbIds;  // VID:PID this profile fits
};

}  // namespace guichet::escpos
