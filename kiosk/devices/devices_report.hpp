// What `guichetctl devices` prints from DeviceManager::devices(): plain French for the
// operator, or JSON with stable keys for scripts and the operator console:
//   {"devices": [{"kind": "printer"|"card-reader"|"scanner", "id": "usb:04b8:0e28@1-2" or "",
//                 "state": deviceStatusName() or "ignored", "in_use": bool,
//                 "detail": "...", "ignored_because": "..."}]}
#pragma once

#include <string>
#include <vector>

#include "kiosk/devices/device_state.hpp"

namespace guichet {

std::string devicesJson(const std::vector<DeviceEvent>& devices);
std::string devicesText(const std::vector<DeviceEvent>& devices);

// "Imprimante de tickets", "Lecteur de cartes", "Scanner".
const char* deviceKindLabelFr(DeviceKind kind);
// The state as an operator reads it: "prêt", "plus de papier", "aucun appareil branché"…
const char* deviceStatusLabelFr(DeviceStatus status);

}  // namespace guichet
