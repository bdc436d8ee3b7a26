// guichetctl devices: the USB devices this terminal recognises (printers by profile id or
// class, card readers, IPP-over-USB scanners) and, for printers, their state.
#include <cstdio>

#include "drivers/escpos/printer_driver.hpp"
#include "drivers/usb/discovery.hpp"
#include "drivers/usb/libusb_transport.hpp"
#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/devices/printer_profiles.hpp"
#include "kiosk/devices/receipt_printer_worker.hpp"

using namespace guichet;

namespace {

int runDevices(const ctl::Args& args) {
    bool status = true;
    std::string dir = PrinterProfiles::defaultDirectory();
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--no-status") status = false;
        else if (args[i] == "--profiles" && i + 1 < args.size()) dir = args[++i];
        else {
            std::fprintf(stderr, "usage: guichetctl devices [--no-status] [--profiles DIR]\n");
            return 2;
        }
    }
    auto profiles = PrinterProfiles::loadDirectory(dir);
    if (!profiles) {
        std::fprintf(stderr, "guichetctl devices: %s\n", profiles.error().message.c_str());
        return 1;
    }
    std::vector<usb::DeviceMatch> matches;
    for (const auto& [name, p] : profiles->all())
        for (auto [v, d] : p.usbIds) matches.push_back(usb::DeviceMatch::byId(v, d, "printer:" + name));
    matches.push_back(usb::DeviceMatch::byClass(usb::kClassPrinter, 1, 4, "scanner:ipp-over-usb"));
    matches.push_back(usb::DeviceMatch::byClass(usb::kClassPrinter, 1, {}, "printer:generic-80mm"));
    matches.push_back(usb::DeviceMatch::byClass(usb::kClassCcid, {}, {}, "card-reader:ccid"));

    auto ctx = usb::UsbContext::create();
    if (!ctx) {
        std::fprintf(stderr, "guichetctl devices: %s\n", ctx.error().message.c_str());
        return 1;
    }
    auto found = usb::findDevices(**ctx, matches);
    if (!found) {
        std::fprintf(stderr, "guichetctl devices: %s\n", found.error().message.c_str());
        return 1;
    }
    if (found->empty()) std::printf("no recognised USB device\n");
    for (const auto& d : *found) {
        std::printf("%-22s %-28s interface %u (class %02x/%02x/%02x) OUT 0x%02x IN 0x%02x", d.id().c_str(), d.matchLabel.c_str(),
                    d.iface.number, d.iface.cls, d.iface.subClass, d.iface.protocol, d.iface.bulkOut, d.iface.bulkIn);
        if (status && d.matchLabel.rfind("printer:", 0) == 0) {
            const auto* profile = profiles->find(d.matchLabel.substr(8));
            auto t = usb::LibusbTransport::open(*ctx, d);
            if (!t) {
                std::printf("  state: %s\n", t.error().code == ErrorCode::Busy ? "busy (in use by the terminal?)" : t.error().message.c_str());
                continue;
            }
            escpos::PrinterDriver driver(**t, *profile);
            auto s = driver.queryStatus();
            std::printf("  state: %s\n", s ? deviceStatusName(deviceStatusFor(*s)) : s.error().message.c_str());
        } else {
            std::printf("\n");
        }
    }
    return 0;
}

}  // namespace

GUICHETCTL_COMMAND("devices", "USB devices the terminal recognises and their state", runDevices);
