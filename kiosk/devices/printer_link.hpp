// Where the printer worker gets its printer from: the software emulator (demo mode) or a USB
// printer found by hotplug. The worker only sees "a Transport and a profile, or nothing".
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "drivers/emulators/printer/emulator_transport.hpp"
#include "drivers/escpos/printer_profile.hpp"
#include "drivers/usb/transport.hpp"
#include "drivers/usb/usb_context.hpp"
#include "kiosk/devices/printer_profiles.hpp"

namespace guichet {

class PrinterLink {
public:
    virtual ~PrinterLink() = default;
    // Takes in arrivals/departures, waiting at most `timeout` for one. Worker thread only.
    virtual void poll(std::chrono::milliseconds timeout) = 0;
    // `wake` is called (any thread) when an arrival or departure waits to be taken in by
    // poll(): the worker sleeps until then. A link without such events (the emulator) never calls it.
    virtual void setWakeUp(std::function<void()> wake) { (void)wake; }
    // The printer, or nullptr while there is none (unplugged, never seen).
    virtual usb::Transport* transport() = 0;
    virtual const escpos::PrinterProfile& profile() const = 0;
    virtual std::string deviceId() const = 0;
    // What went wrong last when there is no printer (for the operator), "" otherwise.
    virtual std::string problem() const { return {}; }
};

// Demo mode and tests: an in-process printer that can be "unplugged".
class EmulatorPrinterLink final : public PrinterLink {
public:
    explicit EmulatorPrinterLink(escpos::PrinterProfile profile);
    void poll(std::chrono::milliseconds timeout) override;
    usb::Transport* transport() override;
    const escpos::PrinterProfile& profile() const override { return profile_; }
    std::string deviceId() const override { return "emulator:printer"; }

    std::shared_ptr<emu::PrinterEmulator> printer() const { return printer_; }
    emu::EmulatorTransport& emulatorTransport() { return *transport_; }

private:
    escpos::PrinterProfile profile_;
    std::shared_ptr<emu::PrinterEmulator> printer_;
    std::unique_ptr<emu::EmulatorTransport> transport_;
};

// A real printer over libusb: VID:PID from the profiles first, then any printer-class
// interface but an office printer's (one that also speaks IPP-over-USB); re-opened after
// every replug.
class UsbPrinterLink final : public PrinterLink {
public:
    // `forcedProfile` (may be empty): use it whatever the ids say. `ctx`: the device
    // manager's USB context, shared with the other devices (null: a context of its own).
    static Result<std::unique_ptr<UsbPrinterLink>> start(const PrinterProfiles& profiles, std::string forcedProfile,
                                                         std::shared_ptr<usb::UsbContext> ctx = {});
    ~UsbPrinterLink() override;
    void poll(std::chrono::milliseconds timeout) override;
    void setWakeUp(std::function<void()> wake) override;
    usb::Transport* transport() override;
    const escpos::PrinterProfile& profile() const override { return profile_; }
    std::string deviceId() const override { return deviceId_; }
    std::string problem() const override { return problem_; }

private:
    struct State;
    explicit UsbPrinterLink(std::unique_ptr<State> s);
    void tryOpen();
    std::unique_ptr<State> s_;
    escpos::PrinterProfile profile_;
    std::string deviceId_;
    std::string problem_;
};

}  // namespace guichet
