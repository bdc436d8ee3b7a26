#include "ui/card_step/card_reader_extension.hpp"

#include <filesystem>
#include <toml++/toml.h>

#include "drivers/common/log.hpp"
#include "kiosk/card/reader_sources.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui {

namespace {

std::shared_ptr<emu::EmulatedCcidReader>& demoSlot() {
    static std::shared_ptr<emu::EmulatedCcidReader> r;
    return r;
}

// [card] in terminal.toml, else card.toml next to it, else none (the card step then says
// the reader is unavailable). Demo mode falls back to the emulator's city card.
std::optional<card::CardConfig> findConfig(const UiContext& ctx) {
    const auto& tc = ctx.config;
    if (tc.table && tc.table->contains("card")) {
        auto c = card::cardConfigFromToml(*tc.table, tc.sourcePath);
        if (c) return *c;
        log::error("card", c.error().message);
        return std::nullopt;
    }
    std::filesystem::path dir = tc.sourcePath.empty() ? std::filesystem::path("config")
                                                       : std::filesystem::path(tc.sourcePath).parent_path();
    const auto file = dir / "card.toml";
    if (std::filesystem::exists(file)) {
        auto c = card::loadCardConfig(file.string());
        if (c) return *c;
        log::error("card", c.error().message);
        return std::nullopt;
    }
    if (ctx.demo) return card::demoCardConfig();
    log::info("card", "no card configuration: the card step is unavailable");
    return std::nullopt;
}

class CardReaderExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        auto config = findConfig(ctx);
        if (!config) return;
        // Status changes become posted tasks: the UI wakes up and redraws, no polling.
        service_ = std::make_unique<card::CardService>(*config, ctx.queue, [](const DeviceEvent&) {});
        if (ctx.demo) {
            demoSlot() = std::make_shared<emu::EmulatedCcidReader>(emu::idBridgeCt30());
            service_->attach(card::emulatedReaderHandle(demoSlot()));
        } else if (auto usbCtx = usb::UsbContext::create()) {
            usbCtx_ = *usbCtx;
            auto w = card::UsbReaderWatcher::start(usbCtx_, *service_);
            if (w) watcher_ = std::move(*w);
            else log::warning("card", "no USB hotplug: " + w.error().message);
        }
        ctx.services.cardReader = service_.get();
    }
    void onSessionEnd(UiContext&) override {
        if (service_) service_->cancel();  // a read waiting for a card ends with the session
    }
    void onShutdown(UiContext& ctx) override {
        ctx.services.cardReader = nullptr;
        watcher_.reset();
        service_.reset();
        demoSlot().reset();
    }

private:
    std::shared_ptr<usb::UsbContext> usbCtx_;
    std::unique_ptr<card::UsbReaderWatcher> watcher_;
    std::unique_ptr<card::CardService> service_;
};

}  // namespace

std::shared_ptr<emu::EmulatedCcidReader> demoCardReader() { return demoSlot(); }

GUICHET_UI_EXTENSION(CardReaderExtension);

}  // namespace guichet::ui
