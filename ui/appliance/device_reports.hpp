// The devices as the running terminal sees them (ctx.services), in the heartbeat's words:
// one list for the heartbeat, the metrics and the operator console, computed one way.
#pragma once

#include <vector>

#include "kiosk/appliance/heartbeat.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::appliance_ui {

// printer, card-reader, scanner — each only when its service is running.
std::vector<appliance::DeviceReport> deviceReports(const Services& services);

}  // namespace guichet::ui::appliance_ui
