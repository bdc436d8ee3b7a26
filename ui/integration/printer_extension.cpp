// The terminal's devices in the running terminal: one DeviceManager (kiosk/hardware's
// makeTerminalDevices) hosting the receipt printer (emulated with --demo or [printer]
// mode = "demo", libusb otherwise), the card reader (ui/card_step's cardConfigFor) and the
// scanner (ui/scan_step's scannerSetupFor). It fills ctx.services.printer / cardReader /
// scanner; deviceManager() (integration_services.hpp) is the one place to ask for every
// device's state, ignored ones included. A
// device that cannot start is logged; the wizard then tells the resident what to do.
// See docs/configuration.md and docs/usb.md.
#include <cstdio>
#include <cstdlib>

#include "drivers/common/log.hpp"
#include "drivers/emulators/printer/printer_emulator.hpp"
#include "kiosk/hardware/terminal_devices.hpp"
#include "ui/card_step/card_reader_extension.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/integration/integration_config.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/receipt_files.hpp"
#include "ui/scan_step/scanner_setup.hpp"

namespace guichet::ui::integration {
namespace {

ReceiptFiles* gReceipts = nullptr;
DeviceManager* gDevices = nullptr;  // UI thread: set at start, cleared at shutdown

class DevicesExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        auto config = printerConfigFor(ctx.config, effectiveDataDir(ctx.dataDir, ctx.demo), ctx.demo);
        if (!config) {
            ctx.refuseStart(2, config.error().message +
                                   "\nguichet: la configuration de l'imprimante est invalide, la borne ne démarre pas");
            return;
        }
        // We write the emulator's receipts ourselves (PNG + text), not the manager.
        std::string receiptsDir = config->demo ? config->receiptPngDir : std::string();
        config->receiptPngDir.clear();
        TerminalDevicesConfig all;
        all.printer = std::move(*config);
        all.card = cardConfigFor(ctx);
        all.cardDemo = ctx.demo;
        scanner_ = scannerSetupFor(ctx);
        if (!ctx.services.scanner) all.scanner = scanner_.config;  // else another area (a test) provided one
        devices_ = makeTerminalDevices(ctx.queue, std::move(all));
        (void)devices_.manager->start();  // each device that cannot start is logged by the manager
        if (auto emulator = devices_.manager->demoPrinter(); emulator && !receiptsDir.empty()) {
            receipts_ = std::make_unique<ReceiptFiles>(receiptsDir);
            emulator->setOnCut([files = receipts_.get()](const emu::Paper& paper) { files->write(paper); });
            gReceipts = receipts_.get();
            log::info("devices", "emulated receipt printer; receipts written to " + receiptsDir);
        }
        ctx.services.printer = &devices_.manager->printer();
        if (devices_.card) {
            ctx.services.cardReader = devices_.card->service();
            setDemoCardReader(devices_.card->demoReader());
        }
        if (devices_.scanner) ctx.services.scanner = devices_.scanner->service();
        gDevices = devices_.manager.get();
    }
    void onShutdown(UiContext& ctx) override {
        if (!devices_.manager) return;
        if (ctx.services.printer == &devices_.manager->printer()) ctx.services.printer = nullptr;
        if (devices_.card && ctx.services.cardReader == devices_.card->service()) ctx.services.cardReader = nullptr;
        if (devices_.scanner && ctx.services.scanner == devices_.scanner->service()) ctx.services.scanner = nullptr;
        gDevices = nullptr;
        setDemoCardReader(nullptr);
        // Joins every device thread: no cut (hence no file write), no event after this; the
        // hosts' services go with it, before the demo scanner they talk to.
        devices_.manager->stop();
        gReceipts = nullptr;
        // The server before the emulator it serves (a move-assignment would go the other way).
        scanner_.server.reset();
        scanner_.emulator.reset();
    }

private:
    std::unique_ptr<ReceiptFiles> receipts_;  // outlives the manager's worker
    ScannerSetup scanner_;                     // the demo scanner outlives the service
    TerminalDevices devices_;
};
GUICHET_UI_EXTENSION(DevicesExtension);

}  // namespace

DeviceManager* deviceManager() { return gDevices; }

std::optional<std::vector<std::string>> lastReceiptText() {
    return gReceipts ? gReceipts->last() : std::nullopt;
}

}  // namespace guichet::ui::integration
