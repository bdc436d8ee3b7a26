// Gives the running terminal its scanner: an EsclScannerService configured from the
// terminal's TOML ([scanner] / [attachment], see config/scanner.toml) or, with --demo, from
// a software eSCL scanner served on loopback with two sheets in its feeder. Fills
// ctx.services.scanner; cancels a running scan when the session ends.
#include <memory>

#include "drivers/common/log.hpp"
#include "drivers/emulators/escl/emulator_tcp_server.hpp"
#include "kiosk/scan/escl_scanner_service.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/scan_step/scan_step.hpp"

namespace guichet::ui {
namespace {

class ScannerExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        if (ctx.services.scanner) return;  // another area (a test) provided one
        scan::ScannerConfig config;
        if (ctx.demo) {
            emu::EmulatorBehaviour b;
            b.feederSheets = 2;  // a recto-verso identity card waiting in the feeder
            emulator_ = std::make_unique<emu::EsclEmulator>(b);
            auto server = emu::EmulatorTcpServer::start(*emulator_);
            if (!server) {
                log::warning("scan", "demo scanner: " + server.error().message);
                return;
            }
            server_ = std::move(*server);
            config.device = server_->baseUrl();
            config.dpi = 150;  // quick pages, still readable
            config.statusPoll = escl::Millis(1000);
        } else if (!ctx.config.sourcePath.empty()) {
            // The terminal's file may hold [scanner] and [attachment]; other tables are ignored.
            auto loaded = scan::loadScannerConfig(ctx.config.sourcePath);
            if (!loaded) {
                log::error("scan", loaded.error().message);  // file:line: what — the scanner stays off
                return;
            }
            config = *loaded;
        }
        service_ = std::make_unique<scan::EsclScannerService>(config, ctx.queue);
        ctx.services.scanner = service_.get();
        scan_step::install(config.attachment);  // the document step, with the configured size limit
    }

    void onSessionEnd(UiContext&) override {
        if (service_) service_->cancel();  // pages of a scan in flight are wiped by the service
        scan_step::wipeAll();               // pages previewed or kept by the document step
    }

    void onShutdown(UiContext& ctx) override {
        scan_step::wipeAll();
        if (ctx.services.scanner == service_.get()) ctx.services.scanner = nullptr;
        service_.reset();  // joins its worker before the demo scanner goes away
        server_.reset();
        emulator_.reset();
    }

private:
    std::unique_ptr<emu::EsclEmulator> emulator_;
    std::unique_ptr<emu::EmulatorTcpServer> server_;
    std::unique_ptr<scan::EsclScannerService> service_;
};
GUICHET_UI_EXTENSION(ScannerExtension);

}  // namespace
}  // namespace guichet::ui
