// The running terminal as an appliance: every [appliance] heartbeat_seconds its UI loop
// hands a snapshot (devices, visit counters, version) to the StatusWriter, which writes
// heartbeat.json and the metrics file. It also counts visits: the procedure opened, the
// outcome (completed, abandoned, timed out), the duration and the accessibility modes used.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <set>
#include <unistd.h>

#include "drivers/common/log.hpp"
#include "kiosk/appliance/status_writer.hpp"
#include "kiosk/devices/device_services.hpp"
#include "kiosk/service/loop_pulse.hpp"
#include "kiosk/version/version.hpp"
#include "ui/appliance/device_reports.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/integration/integration_config.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::set<std::string> modesOf(const AccessibilitySettings& s) {
    std::set<std::string> m;
    if (s.textSize != TextSize::Standard) m.insert("large-text");
    if (s.highContrast) m.insert("high-contrast");
    if (s.reach) m.insert("reach");
    if (s.font == FontChoice::Dyslexia) m.insert("dyslexia-font");
    if (s.font == FontChoice::Literacy) m.insert("literacy-font");
    if (s.speech) m.insert("speech");
    return m;
}

class ApplianceExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        ctx_ = &ctx;
        startedAt_ = unixNow();
        auto cfg = appliance::applianceConfigFrom(ctx.config);
        if (!cfg) {
            // A wrong outbox file is the outbox extension's to report (its own words, same
            // file:line); only a wrong [appliance] table is ours.
            if (integration::outboxConfigFor(ctx.config, integration::effectiveDataDir(ctx.dataDir, ctx.demo), true))
                ctx.refuseStart(2, cfg.error().message +
                                       "\nguichet: la section [appliance] est invalide, la borne ne démarre pas");
            return;
        }
        if (cfg->stateDir.empty()) cfg->stateDir = integration::effectiveDataDir(ctx.dataDir, ctx.demo);
        if (cfg->stateDir.empty()) return;  // a developer's run without --data: no heartbeat
        writer_ = std::make_unique<appliance::StatusWriter>(*cfg);
        duty_ = service::loopPulse().every(std::chrono::seconds(cfg->heartbeatSeconds), [this] { snapshot(); });
    }

    void afterFrame(UiContext& ctx) override {
        // Headless scenarios have no SdlHost::run loop: frames are their pulse.
        service::loopPulse().beat();
        if (!ctx.session.active()) return;
        if (!inSession_) {
            inSession_ = true;
            started_ = Clock::now();
            procedure_.clear();
            completed_ = false;
            modes_.clear();
        }
        if (auto* rt = wizard::WizardRuntime::instance())
            if (auto* w = rt->current()) {
                procedure_ = w->procedure().id;
                if (w->state() == procedures::WizardSession::State::Done) completed_ = true;
            }
        for (const auto& m : modesOf(ctx.session.settings())) modes_.insert(m);
    }

    void onSessionEnd(UiContext& ctx) override {
        if (!inSession_) return;
        inSession_ = false;
        auto reason = ctx.session.lastEndReason();
        auto outcome = completed_ ? appliance::Outcome::Completed
                       : reason == Session::EndReason::Timeout ? appliance::Outcome::TimedOut
                                                               : appliance::Outcome::Abandoned;
        double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        stats_.record(procedure_, outcome, seconds, modes_);
    }

    ~ApplianceExtension() override { stop(); }
    void onShutdown(UiContext&) override { stop(); }

private:
    void stop() {
        if (duty_) service::loopPulse().cancel(duty_);
        duty_ = 0;
        writer_.reset();
    }
    void snapshot() {
        appliance::Heartbeat h;
        h.version = softwareVersion();
        h.terminalId = ctx_->config.terminalId;
        h.pid = static_cast<long>(getpid());
        h.writtenAt = unixNow();
        h.startedAt = startedAt_;
        h.devices = appliance_ui::deviceReports(ctx_->services);
        h.outOfService = ctx_->outOfService;  // the operator console's switch
        h.sessions = stats_;
        writer_->submit(std::move(h));
    }

    UiContext* ctx_ = nullptr;
    std::int64_t startedAt_ = 0;
    std::unique_ptr<appliance::StatusWriter> writer_;
    int duty_ = 0;
    appliance::SessionStats stats_;
    bool inSession_ = false;
    Clock::time_point started_;
    std::string procedure_;
    bool completed_ = false;
    std::set<std::string> modes_;
};
GUICHET_UI_EXTENSION(ApplianceExtension);

}  // namespace
}  // namespace guichet::ui
