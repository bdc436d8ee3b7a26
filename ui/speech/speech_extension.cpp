// The UI extension that runs speech (see speech_ui.hpp), and the "speech" / "speech-off"
// modes used by the accessibility screen's toggle and the scenario step `mode speech`.
#include <SDL.h>
#include <toml++/toml.h>

#include "drivers/common/log.hpp"
#include "kiosk/speech/multitap.hpp"
#include "ui/core/cli_options.hpp"
#include "ui/core/keyboard.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/speech/speech_ui.hpp"

namespace guichet::ui {

namespace {

SpeechStartup& startup() {
    static SpeechStartup s;
    return s;
}

class SpeechExtension;
SpeechExtension* g_active = nullptr;

std::optional<speech::SpeechKey> speechKeyOf(Key key) {
    switch (key) {
        case Key::Speech: return speech::SpeechKey::Toggle;
        case Key::Repeat: return speech::SpeechKey::Repeat;
        case Key::VolumeUp: return speech::SpeechKey::Louder;
        case Key::VolumeDown: return speech::SpeechKey::Quieter;
        case Key::Slower: return speech::SpeechKey::Slower;
        case Key::Faster: return speech::SpeechKey::Faster;
        default: return std::nullopt;
    }
}

class SpeechExtension final : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        g_active = this;
        queue_ = &ctx.queue;
    }

    void onShutdown(UiContext&) override {
        if (watching_) SDL_DelEventWatch(&SpeechExtension::watch, this);
        watching_ = false;
        runtime_.reset();
        if (g_active == this) g_active = nullptr;
    }

    bool onKey(UiContext& ctx, Key key) override {
        if (!ensureRuntime(ctx)) return false;
        auto& rt = *runtime_;
        if (auto sk = speechKeyOf(key)) {
            bool used = rt.handleKey(*sk, ctx.tree);
            mirror(ctx);
            if (used) ctx.requestFrame();
            return used;
        }
        if (!rt.enabled()) return false;
        // Speech on: any other key cuts off what is being said (A1) …
        rt.controller().stopTalking();
        // … the idle warning is extended with one key (A18), whatever has the focus …
        if (ctx.session.phase() == Session::Phase::Warning && key == Key::Enter) {
            ctx.session.extend();
            rt.controller().sessionExtended();
            return true;
        }
        // … and digits type letters, phone-style, in a text field of the on-screen keyboard.
        const int digit = digitOf(key);
        if (digit >= 0 && ctx.keyboard.isOpen() && ctx.keyboard.kind() == FieldKind::Text) {
            // The pause that makes a letter final is timed between arrivals (see keyArrived).
            auto edit = multitap_.press(static_cast<char>('0' + digit), ctx.keyArrived.value_or(speech::MultiTap::Clock::now()));
            if (edit) {
                if (edit->replaceLast) ctx.keyboard.erase();
                ctx.keyboard.typeText(edit->character);
            }
            return true;
        }
        multitap_.commit();
        return false;
    }

    void afterFrame(UiContext& ctx) override {
        if (!runtime_ && !failed_ && !startPosted_) {
            // Opening the sound card can take a while: not before the first frame is shown.
            startPosted_ = true;
            ctx.queue.post([this, &ctx] {
                if (g_active == this) ensureRuntime(ctx);
                ctx.requestFrame();
            });
            return;
        }
        if (!runtime_) return;
        auto& rt = *runtime_;
        // The accessibility screen's toggle, `mode speech` and "back to normal" change the
        // session's flag; the key and a headset change the runtime. Both meet here.
        const bool flag = ctx.session.settings().speech;
        if (flag != mirrored_ && flag != rt.enabled()) {
            if (flag) rt.controller().activate(speech::ActivationSource::FirstScreenControl);
            else rt.controller().deactivate();
        }
        if (ctx.session.language() != rt.controller().language()) rt.setLanguage(ctx.session.language());
        rt.onFrame(ctx.tree);
        const bool warning = ctx.session.phase() == Session::Phase::Warning;
        if (warning && !warningShown_) rt.controller().idleWarningShown();  // A18: how to extend
        warningShown_ = warning;
        mirror(ctx);
    }

    void onSessionEnd(UiContext& ctx) override {
        multitap_.commit();
        if (!runtime_) return;
        runtime_->endSession();
        runtime_->setLanguage(ctx.session.language());
        mirror(ctx);  // on only while a headset is plugged
    }

    speech::SpeechRuntime* runtime() { return runtime_.get(); }

private:
    void mirror(UiContext& ctx) {
        mirrored_ = runtime_ && runtime_->enabled();
        ctx.session.settings().speech = mirrored_;
    }

    // Started on the first frame, once the host has initialised SDL (the audio device and
    // the event watch must not be set up before SDL_Init, nor outlive SDL_Quit's reach).
    bool ensureRuntime(UiContext& ctx) {
        if (runtime_) return true;
        if (failed_) return false;
        speech::SpeechRuntimeConfig cfg;
        const bool headless = ctx.headless || startup().headless;
        cfg.audio = headless ? speech::SpeechRuntimeConfig::Audio::Memory : speech::SpeechRuntimeConfig::Audio::Sdl;
        cfg.speechLogPath = startup().speechLogPath;
        cfg.language = ctx.session.language();
        auto made = speech::SpeechRuntime::create(cfg);
        if (!made) {
            log::error("speech", made.error().message);
            failed_ = true;
            return false;
        }
        runtime_ = std::move(*made);
        multitap_ = speech::MultiTap(multitapDelay(ctx));
        if (SDL_WasInit(SDL_INIT_EVENTS)) {
            SDL_AddEventWatch(&SpeechExtension::watch, this);
            watching_ = true;
        }
        return true;
    }

    // [speech] multitap_ms in terminal.toml: how long a pause makes a keypad letter final.
    static std::chrono::milliseconds multitapDelay(UiContext& ctx) {
        if (!ctx.config.table) return speech::MultiTap::kCommitDelay;
        const toml::node* n = ctx.config.table->at_path("speech.multitap_ms").node();
        if (!n) return speech::MultiTap::kCommitDelay;
        auto v = n->value<long long>();
        if (!v || *v < 400 || *v > 5000) {
            log::error("config", ctx.config.sourcePath + ":" + std::to_string(n->source().begin.line) +
                                     ": [speech] multitap_ms must be a number of milliseconds between 400 and 5000; using " +
                                     std::to_string(speech::MultiTap::kCommitDelay.count()));
            return speech::MultiTap::kCommitDelay;
        }
        return std::chrono::milliseconds(*v);
    }

    // The SDL events speech cares about, handed to the runtime in its own terms.
    static void deliver(speech::SpeechRuntime& rt, const SDL_Event& e) {
        switch (e.type) {
            case SDL_AUDIODEVICEADDED: rt.audioOutputAppeared(static_cast<int>(e.adevice.which), e.adevice.iscapture != 0); break;
            case SDL_AUDIODEVICEREMOVED: rt.audioOutputRemoved(e.adevice.which, e.adevice.iscapture != 0); break;
            case SDL_FINGERDOWN:
            case SDL_MOUSEBUTTONDOWN: rt.touched(); break;
            default: break;
        }
    }

    // SDL calls this on the thread that pushes the event (audio hotplug comes from SDL's
    // audio thread): only copy the event and post it to the UI thread.
    static int watch(void* self, SDL_Event* e) {
        auto* ext = static_cast<SpeechExtension*>(self);
        if (e->type == SDL_AUDIODEVICEADDED || e->type == SDL_AUDIODEVICEREMOVED || e->type == SDL_FINGERDOWN ||
            e->type == SDL_MOUSEBUTTONDOWN) {
            SDL_Event copy = *e;
            ext->queue_->post([ext, copy] {
                if (g_active == ext && ext->runtime_) deliver(*ext->runtime_, copy);
            });
        }
        return 1;
    }

    std::unique_ptr<speech::SpeechRuntime> runtime_;
    MainThreadQueue* queue_ = nullptr;
    speech::MultiTap multitap_;
    bool failed_ = false;
    bool watching_ = false;
    bool mirrored_ = false;
    bool warningShown_ = false;
    bool startPosted_ = false;  // speech on/off as last written into the session's settings
};

}  // namespace

void configureSpeech(SpeechStartup s) { startup() = std::move(s); }

speech::SpeechRuntime* speechRuntime() { return g_active ? g_active->runtime() : nullptr; }

GUICHET_UI_EXTENSION(SpeechExtension);
GUICHET_CLI_OPTION("--speech-log", "FILE", "write every utterance (time, language, done/interrupted, text)",
                   [](const std::string& path) { startup().speechLogPath = path; });
// Exactly what the marked key does, through the session's flag (picked up after the frame).
GUICHET_MODE("speech", [](UiContext& ctx) { ctx.session.settings().speech = true; });
GUICHET_MODE("speech-off", [](UiContext& ctx) { ctx.session.settings().speech = false; });

}  // namespace guichet::ui
