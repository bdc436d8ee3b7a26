// Owns the device workers (the receipt printer today; card reader and scanner plug in the
// same way) and forwards their state changes to the UI thread as DeviceEvents. A missing
// device is an ordinary state; unplug/replug never needs a restart.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/app/main_thread_queue.hpp"
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

    // Loads profiles and starts the workers. A USB layer that cannot start (no libusb
    // hotplug) is an error for the operator; the terminal keeps working without printer.
    Result<void> start();
    void stop();

    ReceiptPrinterService& printer();
    // Called on the UI thread for every state change.
    void setListener(std::function<void(const DeviceEvent&)> listener);
    // Latest event per device (UI thread or any thread).
    std::vector<DeviceEvent> snapshot() const;

    // Demo mode: the emulated printer (operator screen toggles paper out, tests unplug it).
    std::shared_ptr<emu::PrinterEmulator> demoPrinter() const;
    emu::EmulatorTransport* demoTransport() const;
    const PrinterProfiles& profiles() const { return profiles_; }

private:
    void onEvent(const DeviceEvent& e);  // worker threads

    MainThreadQueue& ui_;
    DeviceManagerConfig config_;
    PrinterProfiles profiles_;
    std::unique_ptr<ReceiptPrinterWorker> printer_;
    EmulatorPrinterLink* demoLink_ = nullptr;
    mutable std::mutex mutex_;
    std::map<std::string, DeviceEvent> latest_;
    std::shared_ptr<std::function<void(const DeviceEvent&)>> listener_;
};

}  // namespace guichet
