#include "ui/console/console_runtime.hpp"

#include "drivers/common/log.hpp"
#include "kiosk/console/out_of_service.hpp"

namespace guichet::ui::console_ui {
namespace {
ConsoleRuntime* gRuntime = nullptr;
}

ConsoleRuntime* ConsoleRuntime::instance() { return gRuntime; }

ConsoleRuntime::ConsoleRuntime(console::ConsoleConfig config, std::string stateDir)
    : config_(std::move(config)),
      stateDir_(std::move(stateDir)),
      gate_(config_.pinHash, [this] { return now(); }) {
    gRuntime = this;
}

ConsoleRuntime::~ConsoleRuntime() {
    if (gRuntime == this) gRuntime = nullptr;
}

std::chrono::steady_clock::time_point ConsoleRuntime::now() const { return std::chrono::steady_clock::now() + offset_; }

void ConsoleRuntime::open(UiContext& ctx, const char* how) {
    audit(std::string("opening gesture (") + how + "): PIN pad shown");
    if (!ctx.session.active()) ctx.session.start();
    ctx.requestedScreen = "console.pin";
}

bool ConsoleRuntime::setOutOfService(UiContext& ctx, bool on, std::string& error) {
    if (!stateDir_.empty()) {
        if (auto w = console::writeOutOfService(stateDir_, on); !w) {
            error = w.error().message;
            log::error("console", "hors service not " + std::string(on ? "set" : "lifted") + ": " + error);
            return false;
        }
    }
    ctx.outOfService = on;
    audit(on ? "action: terminal put out of service" : "action: terminal back in service");
    return true;
}

void ConsoleRuntime::audit(const std::string& what) { log::info("console", what); }

}  // namespace guichet::ui::console_ui
