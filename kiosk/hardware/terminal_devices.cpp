#include "kiosk/hardware/terminal_devices.hpp"

#include <thread>
#include <toml++/toml.h>

#include "kiosk/devices/device_config.hpp"

namespace guichet {

Result<TerminalDevicesConfig> terminalDevicesConfigFrom(const TerminalConfig& terminal) {
    TerminalDevicesConfig c;
    c.scanner = scan::ScannerConfig{};
    if (!terminal.table) {
        c.card = card::CardConfig{};
        return c;
    }
    auto printer = deviceConfigFromToml(*terminal.table, terminal.sourcePath);
    if (!printer) return printer.error();
    c.printer = std::move(*printer);
    if (terminal.table->contains("card")) {
        auto cc = card::cardConfigFromToml(*terminal.table, terminal.sourcePath);
        if (!cc) return cc.error();
        c.card = std::move(*cc);
    } else {
        c.card = card::CardConfig{};
    }
    if (!terminal.sourcePath.empty()) {
        auto sc = scan::loadScannerConfig(terminal.sourcePath);
        if (!sc) return sc.error();
        c.scanner = std::move(*sc);
    }
    return c;
}

TerminalDevices makeTerminalDevices(MainThreadQueue& ui, TerminalDevicesConfig config) {
    TerminalDevices d;
    d.manager = std::make_unique<DeviceManager>(ui, std::move(config.printer));
    if (config.card) {
        auto h = std::make_unique<card::CardReaderHost>(std::move(*config.card), config.cardDemo);
        d.card = h.get();
        d.manager->host(std::move(h));
    }
    if (config.scanner) {
        auto h = std::make_unique<scan::ScannerHost>(std::move(*config.scanner));
        d.scanner = h.get();
        d.manager->host(std::move(h));
    }
    return d;
}

std::vector<DeviceEvent> settledDevices(MainThreadQueue& ui, DeviceManager& manager, std::chrono::milliseconds quiet,
                                        std::chrono::milliseconds limit) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto lastChange = start;
    auto seen = manager.snapshot();
    auto same = [](const std::vector<DeviceEvent>& a, const std::vector<DeviceEvent>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i].deviceId != b[i].deviceId || a[i].status != b[i].status || a[i].ignoredBecause != b[i].ignoredBecause)
                return false;
        return true;
    };
    while (Clock::now() - start < limit) {
        ui.runPending();
        auto now = manager.snapshot();
        if (!same(now, seen)) {
            seen = std::move(now);
            lastChange = Clock::now();
        } else if (Clock::now() - lastChange >= quiet) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ui.runPending();
    return manager.devices();
}

}  // namespace guichet
