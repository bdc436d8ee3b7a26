// The terminal's UI without its window: screens, router, session lifecycle, focus,
// overlays (keyboard, idle warning), modes and fonts. The host (ui/host) feeds it input
// events and draws what it renders; tests drive it directly in-process.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/a11y/a11y_tree.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/config/terminal_config.hpp"
#include "kiosk/session/session.hpp"
#include "ui/core/focus.hpp"
#include "ui/core/input.hpp"
#include "ui/core/keyboard.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/shell/router.hpp"

#include <imgui.h>

struct ImGuiContext;

namespace guichet::ui {

struct ShellOptions {
    std::string dataDir;
    bool demo = false;
    int width = 1920, height = 1080;
    bool headless = false;  // no display: extensions may choose quieter outputs (speech to a log)
};

class Shell {
public:
    Shell(TerminalConfig config, ShellOptions options, Session::Clock clock = &std::chrono::steady_clock::now);
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    // Loads the fonts for the current modes; called again by frame() when they change.
    // Error: "file:0: font file missing …".
    Result<void> prepareFonts();
    // Called after every atlas rebuild so the host re-uploads the font texture.
    void setFontTextureHook(std::function<void()> hook) { fontTextureHook_ = std::move(hook); }

    void setDisplaySize(int width, int height);
    void input(const InputEvent& event);
    // One frame: input, timers, posted tasks, the screen and overlays. Fills ImGui's draw data.
    void frame();
    // True while something still needs a frame (queued input, a change, an animation).
    bool wantsFrame() const;
    // When the next timer needs a frame (idle warning, countdown); nullopt: sleep until input.
    std::optional<std::chrono::steady_clock::time_point> nextDeadline() const;

    // Scrolls a control into view (scenario taps below the fold).
    void reveal(const std::string& id) {
        focus_.reveal(id);
        settleFrames_ = 3;
    }
    bool applyMode(const std::string& name);
    // Applies an intent as if a screen had returned it (tests, extensions, operator tools).
    void navigate(Intent intent) { applyIntent(std::move(intent)); }  // "large-text", "high-contrast", "standard", …
    bool setLanguage(const std::string& code);
    void endSession(Session::EndReason reason);

    const a11y::Tree& tree() const { return tree_; }
    // Set when an extension refused to start (see UiContext::refuseStart).
    const std::optional<UiContext::StartRefusal>& startRefusal() const { return ctx_.startRefusal; }
    Session& session() { return session_; }
    UiContext& context() { return ctx_; }
    OnScreenKeyboard& keyboard() { return keyboard_; }
    FocusManager& focus() { return focus_; }
    MainThreadQueue& queue() { return queue_; }
    const TerminalConfig& config() const { return config_; }
    std::string screenId() const;
    std::size_t pendingInput() const { return inputs_.size(); }
    // Discrete input received since start. A test that sends a key or a tap waits for a
    // dump that counts it and is settled: only then does the screen show its effect (a
    // frame drawn for a timer or a speech wake-up, between the send and the receipt,
    // would otherwise be read as the answer).
    struct InputCounts {
        unsigned keys = 0, presses = 0, releases = 0;
    };
    const InputCounts& inputsReceived() const { return received_; }
    unsigned framesDrawn() const { return frames_; }
    bool warningJustStarted() { bool w = warningStarted_; warningStarted_ = false; return w; }

private:
    void processInput();
    void handleKey(Key key);
    void applyIntent(Intent intent);
    void drawOverlays();
    void onSessionEnded();
    bool fontsMatchSettings() const;
    void followKeyboard(bool wasOpen, const std::string& editedField);
    void applyReadingTime();
    // The screen a session starts from and returns to: attract, or the out-of-service screen.
    std::string rootScreen() const;
    static std::vector<const a11y::Node*> readingOrder(std::vector<const a11y::Node*> nodes, float footerTop);

    TerminalConfig config_;
    ShellOptions options_;
    Session session_;
    MainThreadQueue queue_;
    a11y::Tree tree_;
    FocusManager focus_;
    OnScreenKeyboard keyboard_;
    UiContext ctx_;
    Router router_;
    ImGuiContext* imgui_ = nullptr;
    std::vector<std::unique_ptr<UiExtension>> extensions_;
    std::size_t startedExtensions_ = 0;
    std::deque<InputEvent> inputs_;
    InputCounts received_;
    std::function<void()> fontTextureHook_;
    Session::Clock clock_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastTap_{}, lastKeyTime_{};
    Key lastKey_ = Key::None;
    bool dropNextUp_ = false;
    bool pointerDown_ = false;
    bool pointerLeave_ = false;
    ImVec2 lastPointer_{-1, -1};  // where the mouse was last seen (the wheel scrolls there)
    int settleFrames_ = 2;
    unsigned frames_ = 0;
    unsigned endedSeen_ = 0;
    bool warningStarted_ = false;
    Session::Phase lastPhase_ = Session::Phase::Attract;
    bool helpOpen_ = false;
    Intent pending_;
    std::chrono::milliseconds appliedIdle_{-1}, appliedWarning_{-1};
    double appliedFactor_ = -1;
    std::string restoreFocus_;  // the field the keyboard just edited: focused again next frame  // the idle time the session was last given
    bool keyboardFocusPending_ = false;  // the keyboard opened: "Valider" gets the focus once drawn
};

}  // namespace guichet::ui
