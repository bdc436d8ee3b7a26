// Which USB device prints the receipts: the rule shared by the printer service and
// `guichetctl print-test`, so the terminal and the operator's test pick the same printer.
#pragma once

#include <vector>

#include "drivers/usb/usb_device_info.hpp"
#include "kiosk/devices/printer_profiles.hpp"

namespace guichet {

// Every profile's VID:PID (labelled with the profile's name), then any printer-class
// interface, bidirectional or not (unlabelled). IPP-over-USB interfaces (protocol 4) are
// the scanner's.
std::vector<usb::DeviceMatch> receiptPrinterMatches(const PrinterProfiles& profiles);

// The devices found with those matches that may print receipts, best first: those a
// profile names, then the other printers in the order given. An office printer or a
// multifunction scanner (it also speaks IPP-over-USB) is left out unless a profile names
// it: ESC/POS sent to it prints pages of garbage, and the scanner beside the terminal is
// usually one.
std::vector<const usb::UsbDeviceInfo*> receiptPrinterChoices(const std::vector<usb::UsbDeviceInfo>& found);

}  // namespace guichet
