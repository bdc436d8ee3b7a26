// The operator console's way in: reads [console] at start (a wrong table stops the terminal
// with file:line), restores "hors service" from the state folder, and watches for the
// discreet opening gesture — five taps in the top-left corner within three seconds, or
// 0 0 0 0 Enter on the keypad — on every screen but the console's own.
#include <imgui.h>

#include "drivers/common/log.hpp"
#include "kiosk/console/out_of_service.hpp"
#include "ui/console/console_runtime.hpp"
#include "ui/core/input.hpp"
#include "ui/core/keyboard.hpp"
#include "ui/core/screen.hpp"
#include "ui/integration/integration_config.hpp"

namespace guichet::ui::console_ui {
namespace {

bool onConsoleScreen(const UiContext& ctx) { return ctx.tree.screenId().rfind("console", 0) == 0; }

class ConsoleExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        auto cfg = console::consoleConfigFrom(ctx.config);
        if (!cfg) {
            ctx.refuseStart(2, cfg.error().message + "\nguichet: la section [console] est invalide, la borne ne démarre pas");
            return;
        }
        std::string stateDir = integration::effectiveDataDir(ctx.dataDir, ctx.demo);
        if (cfg->pinHash.empty())
            log::warning("console", "no [console] pin_hash: the operator console cannot be opened (guichetctl pin hash)");
        runtime_ = std::make_unique<ConsoleRuntime>(std::move(*cfg), stateDir);
        if (!stateDir.empty() && console::readOutOfService(stateDir)) {
            ctx.outOfService = true;
            log::warning("console", "the terminal starts out of service (" + console::outOfServicePath(stateDir) +
                                        "): the operator console puts it back in service");
        }
    }

    bool onKey(UiContext& ctx, Key key) override {
        if (!runtime_ || ctx.keyboard.isOpen() || onConsoleScreen(ctx)) return false;
        if (!runtime_->gesture().key(keyName(key), runtime_->now())) return false;
        runtime_->open(ctx, "keypad");
        return true;  // the sequence's last key does nothing else
    }

    void afterFrame(UiContext& ctx) override {
        if (!runtime_ || ctx.inert) return;
        const ImGuiIO& io = ImGui::GetIO();
        if (!io.MouseClicked[0] || onConsoleScreen(ctx)) return;
        const ImVec2 at = io.MouseClickedPos[0];
        if (runtime_->gesture().tap(at.x, at.y, ctx.width, ctx.height, runtime_->now())) runtime_->open(ctx, "corner taps");
    }

    void onSessionEnd(UiContext&) override {
        if (runtime_) runtime_->gesture().reset();
    }

    void onShutdown(UiContext&) override { runtime_.reset(); }

private:
    std::unique_ptr<ConsoleRuntime> runtime_;
};
GUICHET_UI_EXTENSION(ConsoleExtension);

}  // namespace
}  // namespace guichet::ui::console_ui
