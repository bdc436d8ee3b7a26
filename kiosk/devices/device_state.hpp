// What the terminal knows about each of its devices, as the UI shows it. Device workers
// (kiosk/devices) post DeviceEvents to the UI thread; a missing device is an ordinary state.
#pragma once

#include <string>

namespace guichet {

enum class DeviceKind { Printer, CardReader, Scanner };

enum class DeviceStatus {
    Absent,        // never seen / unplugged
    Ready,
    Busy,          // printing, reading, scanning
    PaperLow,      // printer: near end, still prints
    PaperOut,
    CoverOpen,
    NoCard,        // card reader: ready, slot empty
    CardPresent,
    FeederEmpty,   // scanner
    Jam,
    Error,         // detail says what
    Unknown,       // the device does not tell (cheap printers without status)
};

const char* deviceKindName(DeviceKind kind);
const char* deviceStatusName(DeviceStatus status);

struct DeviceEvent {
    DeviceKind kind;
    std::string deviceId;  // "usb:04b8:0e28@1-2" or "emulator:printer"
    DeviceStatus status;
    std::string detail;    // for the operator; never personal data
    // Set when the device is plugged in but not used (a second card reader): why, in plain
    // French for the operator. "" = the device in use for its kind.
    std::string ignoredBecause;
};

}  // namespace guichet
