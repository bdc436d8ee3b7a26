#include "ui/shell/shell.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <utility>

#include <imgui.h>

#include "drivers/common/bytes.hpp"
#include "drivers/common/log.hpp"
#include "drivers/common/wiping_heap.hpp"
#include "kiosk/i18n/i18n.hpp"
#include <typeinfo>

#include "ui/core/clock_text.hpp"
#include "ui/core/startup_trace.hpp"
#include "ui/core/icons.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {

using namespace std::chrono;

Shell::Shell(TerminalConfig config, ShellOptions options, Session::Clock clock)
    : config_(std::move(config)),
      options_(std::move(options)),
      session_(config_.timeouts, config_.defaultLanguage, clock),
      ctx_(config_, session_, queue_, tree_, focus_, keyboard_),
      clock_(std::move(clock)) {
    start_ = clock_();
    // Dear ImGui's own buffers can hold what the resident sees: they wipe when freed too.
    ImGui::SetAllocatorFunctions([](std::size_t n, void*) { return wipingMalloc(n); },
                                 [](void* p, void*) { wipingFree(p); });
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // imgui.ini would change the first frames (PITFALLS.md)
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.MouseDoubleClickTime = 0.0f;  // no gesture means anything (A14)
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.ChildBorderSize = 0;
    style.WindowPadding = ImVec2(0, 0);
    style.ItemSpacing = ImVec2(0, 0);
    style.AntiAliasedFill = true;
    ctx_.dataDir = options_.dataDir;
    ctx_.demo = options_.demo;
    ctx_.headless = options_.headless;
    setDisplaySize(options_.width, options_.height);
    i18n::setLanguage(session_.language());
    extensions_ = createUiExtensions();
    for (auto& e : extensions_) {
        e->onStart(ctx_);
        const UiExtension& started = *e;
        tracePhase(typeid(started).name());  // GUICHET_STARTUP_TRACE: which start costs what
        ++startedExtensions_;
        if (ctx_.startRefusal) return;  // main() reports it; only started ones shut down
    }
    router_.reset(ctx_, rootScreen());
}

std::string Shell::rootScreen() const {
    return ctx_.outOfService && findScreen("out-of-service") ? "out-of-service" : "attract";
}

Shell::~Shell() {
    for (std::size_t i = 0; i < startedExtensions_; ++i) extensions_[i]->onShutdown(ctx_);
    router_.clear(ctx_);
    tree_.wipe();
    ImGui::DestroyContext(imgui_);
}

void Shell::setDisplaySize(int width, int height) {
    ctx_.width = static_cast<float>(width);
    ctx_.height = static_cast<float>(height);
    ctx_.unit = std::min(ctx_.width, ctx_.height) / 1080.0f;
    ImGui::GetIO().DisplaySize = ImVec2(ctx_.width, ctx_.height);
    settleFrames_ = 2;
}

bool Shell::fontsMatchSettings() const {
    const auto& s = session_.settings();
    return ctx_.fonts.body && ctx_.fonts.choice == s.font && ctx_.fonts.textScale == s.textScale() &&
           ctx_.fonts.unit == ctx_.unit;
}

Result<void> Shell::prepareFonts() {
    const auto& s = session_.settings();
    ImGuiIO& io = ImGui::GetIO();
    auto set = buildFonts(*io.Fonts, s.font, ctx_.unit, s.textScale(), config_.fontDir);
    if (!set) return set.error();
    ctx_.fonts = *set;
    io.FontDefault = set->body;
    ImGui::GetStyle().ScrollbarSize = ctx_.px(30);
    ImGui::GetStyle().ScrollbarRounding = ctx_.px(15);
    if (fontTextureHook_) fontTextureHook_();
    return {};
}

void Shell::input(const InputEvent& event) {
    switch (event.kind) {
        case InputEvent::Kind::KeyDown: ++received_.keys; break;
        case InputEvent::Kind::PointerDown: ++received_.presses; break;
        case InputEvent::Kind::PointerUp: ++received_.releases; break;
        default: break;
    }
    inputs_.push_back(event);
    if (inputs_.back().arrivedMs == 0)
        inputs_.back().arrivedMs =
            std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool Shell::wantsFrame() const {
    return !inputs_.empty() || settleFrames_ > 0 || ctx_.frameRequested || !queue_.empty() || pending_;
}

std::optional<steady_clock::time_point> Shell::nextDeadline() const {
    auto d = session_.nextDeadline();
    if (session_.phase() == Session::Phase::Attract) return d;  // no clock on the attract screen
    // The header's clock: one frame a minute.
    auto minute = clock_() + milliseconds(msToNextMinute(system_clock::now()));
    return d ? std::min(*d, minute) : minute;
}

std::string Shell::screenId() const {
    if (session_.phase() == Session::Phase::Warning) return "idle-warning";
    return router_.current() ? router_.current()->id() : std::string();
}

namespace {
// A key contact bouncing: closer than any two presses a finger can make.
constexpr std::chrono::milliseconds kKeyBounce{40};
}  // namespace

void Shell::processInput() {
    ImGuiIO& io = ImGui::GetIO();
    if (pointerLeave_) {  // a finger lifted: nothing stays "hovered" on a touch screen
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        pointerLeave_ = false;
    }
    auto debounce = milliseconds(config_.debounceMs);
    auto now = clock_();
    ctx_.keyArrived.reset();  // set below while a key is handled
    // At most one discrete event a frame: a press and its release must land in different
    // frames for ImGui to see a click, and a key acts on the screen as last drawn.
    while (!inputs_.empty()) {
        InputEvent ev = inputs_.front();
        // Typed text is the resident's: overwrite the queued copy before it is released.
        if (ev.kind == InputEvent::Kind::Text) secureWipe(inputs_.front().text, sizeof ev.text);
        inputs_.pop_front();
        settleFrames_ = std::max(settleFrames_, 2);
        switch (ev.kind) {
            case InputEvent::Kind::PointerMove:
                lastPointer_ = ImVec2(ev.x, ev.y);
                if (!pointerDown_) break;
                io.MousePos = ImVec2(ev.x, ev.y);
                break;
            case InputEvent::Kind::Wheel:
                // The wheel scrolls what is under the pointer (ImGui needs its position for
                // the one frame the wheel is applied; it is no tap and no hover after).
                session_.touch();
                io.MousePos = lastPointer_;
                io.MouseWheel += ev.y;
                pointerLeave_ = true;
                return;
            case InputEvent::Kind::PointerDown:
                if (now - lastTap_ < debounce) {  // a bounce or a tremor (A16): one tap only
                    dropNextUp_ = true;
                    break;
                }
                lastTap_ = now;
                focus_.pointerUsed();
                // On the attract screen the touch starts the session and goes on to the
                // screen (its start or accessibility button). Out of service it starts
                // nothing (the console's corner taps still reach the extensions).
                if (!(ctx_.outOfService && session_.phase() == Session::Phase::Attract)) session_.start();
                session_.touch();
                io.MousePos = ImVec2(ev.x, ev.y);
                io.MouseDown[0] = true;
                pointerDown_ = true;
                return;
            case InputEvent::Kind::PointerUp:
                if (dropNextUp_ || !pointerDown_) {
                    dropNextUp_ = false;
                    break;
                }
                io.MousePos = ImVec2(ev.x, ev.y);
                io.MouseDown[0] = false;
                pointerDown_ = false;
                pointerLeave_ = true;
                return;
            case InputEvent::Kind::KeyDown:
                ctx_.keyArrived = std::chrono::steady_clock::time_point(milliseconds(ev.arrivedMs));
                if (session_.phase() == Session::Phase::Active) {
                    if (Screen* s = router_.current(); s && s->onRawKey(ctx_, ev.key, ev.arrivedMs)) {
                        session_.touch();
                        return;
                    }
                }
                // Debounce taps and tremors, not distinct presses: a digit typed twice into
                // the on-screen keyboard ("11" of a date) is two presses, each after a
                // release (held keys do not repeat: the host drops auto-repeat); only a
                // contact bounce (a few ms) is dropped there. Other keys keep the full
                // debounce: a double Enter must not skip a page (A16).
                if (ev.key == lastKey_ &&
                    now - lastKeyTime_ < (keyboard_.isOpen() && digitOf(ev.key) >= 0 ? std::min(kKeyBounce, debounce) : debounce))
                    break;
                lastKey_ = ev.key;
                lastKeyTime_ = now;
                if (session_.phase() == Session::Phase::Attract && ctx_.outOfService) {
                    // Out of service: no key starts a démarche; the console's key sequence
                    // still reaches the extensions.
                    for (auto& e : extensions_)
                        if (e->onKey(ctx_, ev.key)) break;
                    return;
                }
                if (session_.phase() == Session::Phase::Attract) {
                    session_.start();
                    focus_.setFocus("", true);  // keypad user: show focus from the first screen
                    // Arrows and Tab explore the attract screen's own buttons (the six
                    // languages, accessibility, start); any other key goes straight home.
                    if (ev.key == Key::Up || ev.key == Key::Down || ev.key == Key::Left || ev.key == Key::Right ||
                        ev.key == Key::Tab || ev.key == Key::ShiftTab) {
                        focus_.handleKey(ev.key, tree_.focusable());
                        return;
                    }
                    applyIntent(Intent::replace("home"));
                    // The marked speech key both wakes the terminal and switches speech on (A2).
                    if (ev.key == Key::Speech)
                        for (auto& e : extensions_) e->onKey(ctx_, ev.key);
                    return;
                }
                session_.touch();
                handleKey(ev.key);
                return;
            case InputEvent::Kind::Text:
                if (keyboard_.isOpen()) {
                    session_.touch();
                    keyboard_.typeText(ev.text);
                    secureWipe(ev.text, sizeof ev.text);
                    return;
                }
                if (session_.phase() == Session::Phase::Active)
                    if (Screen* s = router_.current()) s->onText(ctx_, ev.text, ev.arrivedMs);
                secureWipe(ev.text, sizeof ev.text);
                break;
        }
    }
}

// Keypad focus around the on-screen keyboard: it opens on "Valider", so that Enter after
// typing on the keypad's digits validates (it used to type the focused key: "Dupont1");
// a digit typed brings the focus back there; once closed, the focus returns to the field
// that was edited instead of jumping to the top of the page.
void Shell::followKeyboard(bool wasOpen, const std::string& editedField) {
    if (!focus_.keypadMode()) return;
    bool open = keyboard_.isOpen();
    // The keyboard opens during the page's draw and is drawn from the next frame: its
    // "Valider" is not in this frame's tree, and a focus set now would be dropped for the
    // first key ("1") — then Enter typed "1" instead of validating. Wait until it is there.
    if (open && !wasOpen) keyboardFocusPending_ = true;
    if (!open) keyboardFocusPending_ = false;
    if (keyboardFocusPending_) {
        for (const auto* n : tree_.focusable())
            if (n->id == "key:enter") {
                focus_.setFocus("key:enter", true);
                keyboardFocusPending_ = false;
                break;
            }
    }
    // The page behind the keyboard was inert this frame (its field is not in the tree yet):
    // the focus goes back to the field on the next frame, when the page draws it again.
    if (!open && wasOpen && !editedField.empty()) restoreFocus_ = editedField;
}

// A page that asked for more reading time (the confirmation) gets it as its idle time; the
// terminal's own timeouts come back as soon as it is gone.
void Shell::applyReadingTime() {
    SessionTimeouts t = config_.timeouts;
    if (ctx_.readingTime.count() > 0 && session_.phase() == Session::Phase::Active)
        t.idle = std::max<milliseconds>(t.idle, ctx_.readingTime);
    if (ctx_.closeWhenIdle.count() > 0 && session_.phase() == Session::Phase::Active) {
        t.idle = ctx_.closeWhenIdle;  // and no warning: the page just closes
        t.warning = milliseconds(0);
        t.accessibilityFactor = 1.0;
    }
    if (t.idle != appliedIdle_ || t.warning != appliedWarning_ || t.accessibilityFactor != appliedFactor_) {
        session_.setTimeouts(t);
        appliedIdle_ = t.idle;
        appliedWarning_ = t.warning;
        appliedFactor_ = t.accessibilityFactor;
    }
}

// The order a new page's focus starts in: the page's own controls top to bottom, left to
// right (the first question, not "Continuer" drawn earlier), the footer's last.
std::vector<const a11y::Node*> Shell::readingOrder(std::vector<const a11y::Node*> nodes, float footerTop) {
    std::stable_sort(nodes.begin(), nodes.end(), [footerTop](const a11y::Node* a, const a11y::Node* b) {
        bool fa = a->rect.y >= footerTop, fb = b->rect.y >= footerTop;
        if (fa != fb) return fb;
        bool va = a->visible, vb = b->visible;
        if (va != vb) return va;
        float ya = std::round(a->rect.y / 4), yb = std::round(b->rect.y / 4);  // a row: same 4 px band
        if (ya != yb) return ya < yb;
        return a->rect.x < b->rect.x;
    });
    return nodes;
}

void Shell::handleKey(Key key) {
    // A digit typed into the on-screen keyboard from the keypad: Enter next validates.
    if (keyboard_.isOpen() && digitOf(key) >= 0) focus_.setFocus("key:enter", true);
    for (auto& e : extensions_)
        if (e->onKey(ctx_, key)) return;
    bool warning = session_.phase() == Session::Phase::Warning;
    if (!warning && helpOpen_ && (key == Key::Back || key == Key::Help)) {
        helpOpen_ = false;
        return;
    }
    if (!warning && keyboard_.isOpen() && keyboard_.handleKey(key)) return;
    if (focus_.handleKey(key, tree_.focusable())) return;
    if (warning) return;  // only the warning's own buttons count
    if (key == Key::Help) {
        helpOpen_ = true;
        return;
    }
    Screen* s = router_.current();
    if (s && s->onKey(ctx_, key)) return;
    if (key == Key::Back) applyIntent(Intent::back());
}

void Shell::applyIntent(Intent intent) {
    if (!intent) return;
    settleFrames_ = std::max(settleFrames_, 2);
    if (intent.kind == Intent::Kind::Push && intent.screen == "help") {
        helpOpen_ = true;
        return;
    }
    if (intent.kind == Intent::Kind::EndSession) {
        endSession(Session::EndReason::Resident);
        return;
    }
    // "home, then X": the attract screen's accessibility button opens X over home.
    std::string then;
    if (intent.kind == Intent::Kind::Replace && intent.screen == "home") then = std::exchange(intent.param, {});
    if (router_.apply(ctx_, intent)) {
        if (!then.empty()) router_.apply(ctx_, Intent::push(then));
        bool keypad = focus_.keypadMode();
        focus_.clear();
        if (keypad) focus_.setFocus("", true);
    }
}

void Shell::endSession(Session::EndReason reason) {
    if (session_.active()) session_.end(reason);
    onSessionEnded();
}

void Shell::onSessionEnded() {
    endedSeen_ = session_.sessionsEnded();
    keyboard_.reset();
    helpOpen_ = false;
    focus_.clear();
    focus_.pointerUsed();
    for (auto& e : extensions_) e->onSessionEnd(ctx_);
    tree_.wipe();
    router_.reset(ctx_, rootScreen());
    i18n::setLanguage(session_.language());
    settleFrames_ = 2;
}

bool Shell::applyMode(const std::string& name) {
    const ModeFn* fn = findMode(name);
    if (!fn) return false;
    (*fn)(ctx_);
    settleFrames_ = 2;
    return true;
}

bool Shell::setLanguage(const std::string& code) {
    if (!i18n::isSupported(code)) return false;
    session_.setLanguage(code);
    settleFrames_ = 2;
    return true;
}

void Shell::frame() {
    processInput();
    session_.tick();
    if (session_.sessionsEnded() != endedSeen_) onSessionEnded();
    Session::Phase phase = session_.phase();
    if (phase == Session::Phase::Warning && lastPhase_ != Session::Phase::Warning) {
        warningStarted_ = true;
        keyboard_.close();  // the buffer stays with its owner; the question comes first
        bool keypad = focus_.keypadMode();
        focus_.clear();
        if (keypad) focus_.setFocus("", true);
    }
    lastPhase_ = phase;
    if (queue_.runPending() > 0) settleFrames_ = std::max(settleFrames_, 1);
    if (session_.language() != i18n::language()) i18n::setLanguage(session_.language());
    if (!fontsMatchSettings()) {
        if (auto r = prepareFonts(); !r) log::error("ui", r.error().message);
    }
    ctx_.palette = &paletteFor(session_.settings());
    ctx_.time = duration<double>(clock_() - start_).count();
    ctx_.frameRequested = false;
    ctx_.clearColor = ctx_.palette->background;
    ctx_.page = {};
    ctx_.readingTime = std::chrono::seconds(0);
    ctx_.closeWhenIdle = std::chrono::seconds(0);
    brokenWordsThisFrame().clear();
    bool keyboardWasOpen = keyboard_.isOpen();
    if (!restoreFocus_.empty()) {
        if (!keyboard_.isOpen() && focus_.keypadMode()) focus_.setFocus(restoreFocus_, true);
        restoreFocus_.clear();
    }
    std::string editedField = keyboard_.fieldId();

    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;  // fixed: nothing here animates with real time
    ImGui::NewFrame();
    Screen* screen = router_.current();
    bool warning = phase == Session::Phase::Warning;
    if (warning)
        tree_.beginFrame("idle-warning", _("Besoin de plus de temps ?"), _("Touchez « Oui, continuer » pour garder vos réponses."));
    else
        tree_.beginFrame(screen ? screen->id() : "", screen ? screen->title() : "", screen ? screen->instruction() : "");
    bool overlay = warning || helpOpen_ || keyboard_.isOpen();
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground |
                             ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##root", nullptr, flags);
    Intent intent;
    if (screen) {
        ctx_.inert = overlay;
        intent = screen->draw(ctx_);
        ctx_.inert = false;
        if (overlay) intent = {};
    }
    ImGui::End();
    if (overlay) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::SetNextWindowFocus();
        ImGui::Begin("##overlay", nullptr, (flags & ~ImGuiWindowFlags_NoBringToFrontOnFocus));
        drawOverlays();
        ImGui::End();
    }
    tree_.endFrame();
    for (auto& e : extensions_) e->afterFrame(ctx_);
    if (!ctx_.requestedScreen.empty()) pending_ = Intent::push(std::exchange(ctx_.requestedScreen, {}));
    followKeyboard(keyboardWasOpen, editedField);
    applyReadingTime();
    focus_.endFrame(readingOrder(tree_.focusable(), ctx_.page.valid ? ctx_.page.footerTop : ctx_.height));
    ImGui::Render();
    ++frames_;
    if (settleFrames_ > 0) --settleFrames_;
    if (pending_) {
        Intent p = std::move(pending_);
        pending_ = {};
        intent = p;
    }
    applyIntent(std::move(intent));
}

}  // namespace guichet::ui
