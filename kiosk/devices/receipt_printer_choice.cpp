#include "kiosk/devices/receipt_printer_choice.hpp"

namespace guichet {

std::vector<usb::DeviceMatch> receiptPrinterMatches(const PrinterProfiles& profiles) {
    std::vector<usb::DeviceMatch> matches;
    for (const auto& [name, p] : profiles.all())
        for (auto [vid, pid] : p.usbIds) matches.push_back(usb::DeviceMatch::byId(vid, pid, name));
    matches.push_back(usb::DeviceMatch::byClass(usb::kClassPrinter, 1, 2));
    matches.push_back(usb::DeviceMatch::byClass(usb::kClassPrinter, 1, 1));
    return matches;
}

std::vector<const usb::UsbDeviceInfo*> receiptPrinterChoices(const std::vector<usb::UsbDeviceInfo>& found) {
    std::vector<const usb::UsbDeviceInfo*> named, generic;
    for (const auto& d : found) {
        if (!d.matchLabel.empty()) named.push_back(&d);
        else if (!d.alsoIppUsb) generic.push_back(&d);
    }
    named.insert(named.end(), generic.begin(), generic.end());
    return named;
}

}  // namespace guichet
