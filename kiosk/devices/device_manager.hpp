// Hosts the terminal's devices: its own receipt printer worker, and the hosts that plug in
// (card reader from kiosk/card, scanner from kiosk/scan: see device_host.hpp). All share
// one USB context; every state change lands in one table (devices(), snapshot()) and goes
// to the UI thread as a DeviceEvent. A missing device is an ordinary state; unplug/replug
// never needs a restart. A device plugged in but not used (a second reader) is listed with
// the reason it is ignored.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/devices/device_host.hpp"
#include "kiosk/devices/printer_profiles.hpp"
#include "kiosk/devices/receipt_printer_worker.hpp"

namespace guichet {

struct DeviceManagerConfig {
    bool demo = false;              // emulated printer instead of USB
    std::string printerProfile;     // force a profile; "" = by USB id (demo: generic-80mm)
    std::string profilesDir;        // "" = PrinterProfiles::defaultDirectory()
    std::string receiptPngDir;      // demo: every receipt also written here as PNG ("" = none)
    PrinterWorkerOptions printer;
};

class DeviceManager {
public:
    DeviceManager(MainThreadQueue& ui, DeviceManagerConfig config);
    ~DeviceManager();

    // Before start(): one more kind of device to host (at most one host per kind).
    void host(std::unique_ptr<DeviceHost> host);

    // Loads profiles and starts the printer worker and every host. A USB layer that cannot
    // start (no libusb hotplug) or a bad profile is an error for the operator (the first one
    // is returned); every other device still starts, and the terminal keeps working without.
    Result<void> start();
    void stop();  // stops the hosts, then the printer: nothing is reported after

    ReceiptPrinterService& printer();
    // Called on the UI thread for every state change.
    void setListener(std::function<void(const DeviceEvent&)> listener);
    // Latest event per device that reported one: the one in use of each kind, then the
    // ignored ones (any thread).
    std::vector<DeviceEvent> snapshot() const;
    // The one place to ask: one row per kind this manager hosts (printer first, then the
    // hosts in the order given), "absent" with an empty id when none was ever seen, then a
    // row per ignored device (any thread).
    std::vector<DeviceEvent> devices() const;

    // Demo mode: the emulated printer (operator screen toggles paper out, tests unplug it).
    std::shared_ptr<emu::PrinterEmulator> demoPrinter() const;
    emu::EmulatorTransport* demoTransport() const;
    const PrinterProfiles& profiles() const { return profiles_; }

private:
    void onEvent(const DeviceEvent& e);  // any thread
    Result<void> startPrinter();

    MainThreadQueue& ui_;
    DeviceManagerConfig config_;
    PrinterProfiles profiles_;
    std::unique_ptr<ReceiptPrinterWorker> printer_;
    EmulatorPrinterLink* demoLink_ = nullptr;
    std::shared_ptr<usb::UsbContext> usb_;
    std::vector<std::unique_ptr<DeviceHost>> hosts_;
    mutable std::mutex mutex_;
    std::map<DeviceKind, DeviceEvent> inUse_;           // latest event of the device in use, per kind
    std::map<std::string, DeviceEvent> ignored_;        // plugged in, not used: by device id
    std::shared_ptr<std::function<void(const DeviceEvent&)>> listener_;
};

}  // namespace guichet
