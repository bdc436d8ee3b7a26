// The receipt printer in the running terminal: the DeviceManager (emulated printer with
// --demo or [printer] mode = "demo", libusb otherwise) and its ReceiptPrinterService as
// ctx.services.printer. A printer that cannot start is logged; the wizard then tells the
// resident to note the reference. See docs/configuration.md.
#include <cstdio>
#include <cstdlib>

#include "drivers/common/log.hpp"
#include "drivers/emulators/printer/printer_emulator.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/integration/integration_config.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/receipt_files.hpp"

namespace guichet::ui::integration {
namespace {

ReceiptFiles* gReceipts = nullptr;

class PrinterExtension : public UiExtension {
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
        manager_ = std::make_unique<DeviceManager>(ctx.queue, std::move(*config));
        if (auto started = manager_->start(); !started) {
            log::error("devices", "no receipt printer: " + started.error().message);
        } else if (auto emulator = manager_->demoPrinter(); emulator && !receiptsDir.empty()) {
            receipts_ = std::make_unique<ReceiptFiles>(receiptsDir);
            emulator->setOnCut([files = receipts_.get()](const emu::Paper& paper) { files->write(paper); });
            gReceipts = receipts_.get();
            log::info("devices", "emulated receipt printer; receipts written to " + receiptsDir);
        }
        ctx.services.printer = &manager_->printer();
    }
    void onShutdown(UiContext& ctx) override {
        if (!manager_) return;
        if (ctx.services.printer == &manager_->printer()) ctx.services.printer = nullptr;
        manager_->stop();  // joins the worker: no cut (hence no file write) after this
        gReceipts = nullptr;
    }

private:
    std::unique_ptr<ReceiptFiles> receipts_;   // outlives the manager's worker
    std::unique_ptr<DeviceManager> manager_;
};
GUICHET_UI_EXTENSION(PrinterExtension);

}  // namespace

std::optional<std::vector<std::string>> lastReceiptText() {
    return gReceipts ? gReceipts->last() : std::nullopt;
}

}  // namespace guichet::ui::integration
