// The scanner in the running terminal: the DeviceManager hosts the EsclScannerService
// (ui/integration's devices extension, from scannerSetupFor()); this area installs the
// document step with the configured size limit, cancels a running scan when the session
// ends and wipes the pages.
#include <memory>

#include "drivers/common/log.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/scan_step/scan_step.hpp"
#include "ui/scan_step/scanner_setup.hpp"

namespace guichet::ui {

ScannerSetup scannerSetupFor(const UiContext& ctx) {
    ScannerSetup s;
    scan::ScannerConfig config;
    if (ctx.demo) {
        emu::EmulatorBehaviour b;
        b.feederSheets = 2;  // a recto-verso identity card waiting in the feeder
        s.emulator = std::make_unique<emu::EsclEmulator>(b);
        auto server = emu::EmulatorTcpServer::start(*s.emulator);
        if (!server) {
            log::warning("scan", "demo scanner: " + server.error().message);
            s.emulator.reset();
            return s;
        }
        s.server = std::move(*server);
        config.device = s.server->baseUrl();
        config.dpi = 150;  // quick pages, still readable
        config.statusPoll = escl::Millis(1000);
    } else if (!ctx.config.sourcePath.empty()) {
        // The terminal's file may hold [scanner] and [attachment]; other tables are ignored.
        auto loaded = scan::loadScannerConfig(ctx.config.sourcePath);
        if (!loaded) {
            log::error("scan", loaded.error().message);  // file:line: what — the scanner stays off
            return s;
        }
        config = *loaded;
    }
    s.config = config;
    return s;
}

namespace {

class ScannerExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        // The document step, with the configured size limit (defaults in demo mode).
        scan::ScannerConfig config;
        if (!ctx.demo && !ctx.config.sourcePath.empty()) {
            auto loaded = scan::loadScannerConfig(ctx.config.sourcePath);
            if (!loaded) return;  // the scanner stays off (the devices extension logs why)
            config = *loaded;
        }
        scan_step::install(config.attachment);
    }

    void onSessionEnd(UiContext& ctx) override {
        if (ctx.services.scanner) ctx.services.scanner->cancel();  // pages of a scan in flight are wiped by the service
        scan_step::wipeAll();                                       // pages previewed or kept by the document step
    }

    void onShutdown(UiContext&) override { scan_step::wipeAll(); }
};
GUICHET_UI_EXTENSION(ScannerExtension);

}  // namespace
}  // namespace guichet::ui
