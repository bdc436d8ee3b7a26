#include "ui/card_step/card_reader_extension.hpp"

#include <filesystem>
#include <toml++/toml.h>

#include "drivers/common/log.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui {

namespace {

std::shared_ptr<emu::EmulatedCcidReader>& demoSlot() {
    static std::shared_ptr<emu::EmulatedCcidReader> r;
    return r;
}

class CardReaderExtension : public UiExtension {
public:
    void onSessionEnd(UiContext& ctx) override {
        // A read waiting for a card ends with the session.
        if (ctx.services.cardReader) ctx.services.cardReader->cancel();
    }
};

}  // namespace

std::optional<card::CardConfig> cardConfigFor(const UiContext& ctx) {
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

std::shared_ptr<emu::EmulatedCcidReader> demoCardReader() { return demoSlot(); }
void setDemoCardReader(std::shared_ptr<emu::EmulatedCcidReader> reader) { demoSlot() = std::move(reader); }

GUICHET_UI_EXTENSION(CardReaderExtension);

}  // namespace guichet::ui
