// guichetctl devices [--json] [--config FILE] [--profiles DIR]: the terminal's three kinds
// of devices (receipt printer, card reader, scanner) and their state, as the DeviceManager
// sees them — the same manager, hosts and table the running terminal uses. Plain French for
// the operator; --json has stable keys (devices_report.hpp). A second card reader is listed
// as ignored, with the reason. Run it with the terminal stopped: a device the terminal holds
// cannot be opened twice (it then shows as in error, with the reason).
#include <cstdio>
#include <filesystem>

#include "drivers/common/log.hpp"
#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/devices/devices_report.hpp"
#include "kiosk/hardware/terminal_devices.hpp"

using namespace guichet;

namespace {

#ifdef GUICHET_PACKAGED
const char* kDefaultConfig = "/etc/guichet/terminal.toml";
#else
const char* kDefaultConfig = "config/terminal.toml";
#endif

int runDevices(const ctl::Args& args) {
    bool json = false;
    std::string config, profiles;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--json") json = true;
        else if (args[i] == "--config" && i + 1 < args.size()) config = args[++i];
        else if (args[i] == "--profiles" && i + 1 < args.size()) profiles = args[++i];
        else {
            std::fprintf(stderr, "usage: guichetctl devices [--json] [--config FILE] [--profiles DIR]\n");
            return 2;
        }
    }
    // No file given: the terminal's own when there is one, else the defaults (USB, "auto").
    TerminalConfig terminal = TerminalConfig::defaults();
    if (config.empty() && std::filesystem::exists(kDefaultConfig)) config = kDefaultConfig;
    if (!config.empty()) {
        auto loaded = loadTerminalConfig(config);
        if (!loaded) {
            std::fprintf(stderr, "guichetctl devices: %s\n", loaded.error().message.c_str());
            return 1;
        }
        terminal = std::move(*loaded);
    }
    auto cfg = terminalDevicesConfigFrom(terminal);
    if (!cfg) {
        std::fprintf(stderr, "guichetctl devices: %s\n", cfg.error().message.c_str());
        return 1;
    }
    cfg->printer.demo = false;  // the real devices, whatever the file says for the demo
    cfg->cardDemo = false;
    if (!profiles.empty()) cfg->printer.profilesDir = profiles;
    log::setLevel(log::Level::Warning);  // the report is the output, not the log
    MainThreadQueue ui;
    auto devices = makeTerminalDevices(ui, std::move(*cfg));
    (void)devices.manager->start();  // what cannot start is logged (stderr) and listed as absent
    auto list = settledDevices(ui, *devices.manager);
    devices.manager->stop();
    ui.runPending();
    std::fputs((json ? devicesJson(list) : devicesText(list)).c_str(), stdout);
    return 0;
}

}  // namespace

GUICHETCTL_COMMAND("devices", "the printer, card reader and scanner, and their state", runDevices);
