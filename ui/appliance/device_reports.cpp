#include "ui/appliance/device_reports.hpp"

#include "kiosk/devices/device_services.hpp"

namespace guichet::ui::appliance_ui {

std::vector<appliance::DeviceReport> deviceReports(const Services& s) {
    std::vector<appliance::DeviceReport> out;
    if (s.printer) out.push_back({"printer", deviceStatusName(s.printer->status()), ""});
    if (s.cardReader) out.push_back({"card-reader", deviceStatusName(s.cardReader->status()), ""});
    if (s.scanner) out.push_back({"scanner", deviceStatusName(s.scanner->status()), ""});
    return out;
}

}  // namespace guichet::ui::appliance_ui
