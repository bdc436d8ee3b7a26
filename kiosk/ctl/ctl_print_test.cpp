// guichetctl print-test: prints the test receipt (accents, œ, €, QR, logo, cut) on the
// printer the terminal would use, or on the emulator with --demo (PNG written).
#include <cstdio>

#include "drivers/emulators/printer/emulator_transport.hpp"
#include "drivers/emulators/printer/paper_png.hpp"
#include "drivers/escpos/printer_driver.hpp"
#include "drivers/escpos/receipt_layout.hpp"
#include "drivers/usb/discovery.hpp"
#include "drivers/usb/libusb_transport.hpp"
#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/devices/printer_profiles.hpp"
#include "kiosk/devices/receipt_printer_choice.hpp"
#include "kiosk/devices/test_receipt.hpp"

using namespace guichet;

namespace {

int usage() {
    std::fprintf(stderr, "usage: guichetctl print-test [--profile NAME] [--demo [--png OUT.png]] [--logo PATH] [--profiles DIR]\n");
    return 2;
}

int report(const escpos::PrintOutcome& o) {
    if (o.ok()) {
        std::printf("printed (%zu bytes); printer: %s\n", o.bytesSent, o.after.describe().c_str());
        return 0;
    }
    std::fprintf(stderr, "not printed: %s (%s)\n", escpos::printFailureName(o.failure), o.detail.c_str());
    return 1;
}

int runPrintTest(const ctl::Args& args) {
    std::string profileName, png = "print-test.png", dir = PrinterProfiles::defaultDirectory();
    std::string logo = dir + "/test-logo.png";
    bool demo = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto value = [&](std::string& v) { return i + 1 < args.size() ? (v = args[++i], true) : false; };
        if (args[i] == "--demo") demo = true;
        else if (args[i] == "--profile") { if (!value(profileName)) return usage(); }
        else if (args[i] == "--png") { if (!value(png)) return usage(); }
        else if (args[i] == "--logo") { if (!value(logo)) return usage(); }
        else if (args[i] == "--profiles") { if (!value(dir)) return usage(); logo = dir + "/test-logo.png"; }
        else return usage();
    }
    auto profiles = PrinterProfiles::loadDirectory(dir);
    if (!profiles) {
        std::fprintf(stderr, "guichetctl print-test: %s\n", profiles.error().message.c_str());
        return 1;
    }
    if (demo) {
        const auto* p = profiles->find(profileName.empty() ? "generic-80mm" : profileName);
        if (!p) return std::fprintf(stderr, "guichetctl print-test: unknown profile '%s'\n", profileName.c_str()), 1;
        auto printer = std::make_shared<emu::PrinterEmulator>(*p);
        emu::EmulatorTransport t(printer);
        escpos::PrinterDriver driver(t, *p);
        int rc = report(driver.print(escpos::layoutReceipt(printerTestReceipt(p->name, logo), *p)));
        printer->finish();
        if (auto w = emu::writePng(printer->wholeRoll(), png); !w) return std::fprintf(stderr, "%s\n", w.error().message.c_str()), 1;
        std::printf("emulated receipt written to %s\n", png.c_str());
        return rc;
    }

    auto ctx = usb::UsbContext::create();
    if (!ctx) return std::fprintf(stderr, "guichetctl print-test: %s\n", ctx.error().message.c_str()), 1;
    auto found = usb::findDevices(**ctx, receiptPrinterMatches(*profiles));
    const auto choices = found ? receiptPrinterChoices(*found) : std::vector<const usb::UsbDeviceInfo*>{};
    if (choices.empty()) {
        std::fprintf(stderr, "guichetctl print-test: no USB receipt printer found (plug it in, or use --demo)\n");
        return 1;
    }
    const usb::UsbDeviceInfo& d = *choices.front();
    const auto* p = profiles->find(!profileName.empty() ? profileName : !d.matchLabel.empty() ? d.matchLabel : "generic-80mm");
    if (!p) return std::fprintf(stderr, "guichetctl print-test: unknown profile '%s'\n", profileName.c_str()), 1;
    auto t = usb::LibusbTransport::open(*ctx, d);
    if (!t) return std::fprintf(stderr, "guichetctl print-test: %s\n", t.error().message.c_str()), 1;
    std::printf("printing on %s with profile %s\n", d.id().c_str(), p->name.c_str());
    escpos::PrinterDriver driver(**t, *p);
    return report(driver.print(escpos::layoutReceipt(printerTestReceipt(p->name, logo), *p)));
}

}  // namespace

GUICHETCTL_COMMAND("print-test", "print a test receipt (accents, €, QR, logo, cut)", runPrintTest);
