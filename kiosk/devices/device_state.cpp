#include "kiosk/devices/device_state.hpp"

namespace guichet {

const char* deviceKindName(DeviceKind kind) {
    switch (kind) {
        case DeviceKind::Printer: return "printer";
        case DeviceKind::CardReader: return "card-reader";
        case DeviceKind::Scanner: return "scanner";
    }
    return "unknown";
}

const char* deviceStatusName(DeviceStatus s) {
    switch (s) {
        case DeviceStatus::Absent: return "absent";
        case DeviceStatus::Ready: return "ready";
        case DeviceStatus::Busy: return "busy";
        case DeviceStatus::PaperLow: return "paper-low";
        case DeviceStatus::PaperOut: return "paper-out";
        case DeviceStatus::CoverOpen: return "cover-open";
        case DeviceStatus::NoCard: return "no-card";
        case DeviceStatus::CardPresent: return "card-present";
        case DeviceStatus::FeederEmpty: return "feeder-empty";
        case DeviceStatus::Jam: return "jam";
        case DeviceStatus::Error: return "error";
        case DeviceStatus::Unknown: return "unknown";
    }
    return "unknown";
}

}  // namespace guichet
