#include "ui/host/sdl_host.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <future>
#include <thread>

#include "drivers/common/log.hpp"
#include "drivers/common/wiping_heap.hpp"
#include "kiosk/service/loop_pulse.hpp"
#include "ui/card_step/card_step.hpp"
#include "ui/core/startup_trace.hpp"
#include "ui/core/textures.hpp"
#include "ui/host/a11y_dump.hpp"

namespace guichet::ui {

using namespace std::chrono;

SdlHost::SdlHost(Shell& shell, HostOptions options) : shell_(shell), options_(std::move(options)) {
    created_ = steady_clock::now();
    // "Reprenez votre carte" (ui/card_step) rings the same short chime as the idle warning.
    setCardChime([this] { chime_.play(); });
}

Result<std::unique_ptr<SdlHost>> SdlHost::create(Shell& shell, HostOptions options) {
    std::unique_ptr<SdlHost> host(new SdlHost(shell, std::move(options)));
    HostOptions& o = host->options_;
    // Signals keep their default meaning (systemd stops the terminal); SDL must not turn
    // them into a quit event that the lock-down would then ignore.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    // SDL's event queue carries typed text (SDL_TEXTINPUT): its memory wipes when freed.
    // The functions are malloc underneath, so blocks SDL allocated before this stay valid.
    SDL_SetMemoryFunctions(wipingMalloc, wipingCalloc, wipingRealloc, wipingFree);
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (o.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        SDL_SetHint(SDL_HINT_AUDIODRIVER, "dummy");
    }
    // The software path must not pull in an OpenGL driver behind our back (SDL would
    // present the window surface through a GL texture: +65 MiB of Mesa/LLVM, slower start).
    if (o.headless || o.software) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return makeError(ErrorCode::NotSupported, std::string("SDL_Init: ") + SDL_GetError());
    tracePhase("SDL_Init (video)");
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    if (!o.headless && !o.windowed) {
        // Full screen takes the screen's own size: without a window manager (a kiosk under
        // plain X) SDL cannot stretch a 1920x1080 window over a 1080x1920 portrait screen,
        // and taps below its bottom edge would fall on the root window.
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0) {
            o.width = mode.w;
            o.height = mode.h;
        }
        // A borderless window over the whole display; the full-screen state follows the
        // first frame (renderFrame): asked for now, SDL would wait ~100 ms before any pixel.
        SDL_Rect bounds;
        if (SDL_GetDisplayBounds(0, &bounds) == 0) {
            x = bounds.x;
            y = bounds.y;
        }
        flags |= SDL_WINDOW_BORDERLESS;
        host->fullscreenAfterFirstFrame_ = true;
    }
    if (o.windowed) flags |= SDL_WINDOW_RESIZABLE;
    // The fonts are CPU work alone (FreeType into ImGui's atlas): rasterised on a thread of
    // their own while the window and the OpenGL context are created (~80 ms on Mesa's
    // llvmpipe), ~30 ms off the first frame (issue 17). Sized for the screen the window is
    // asked to cover; a window that comes out another size rebuilds them at its first frame
    // (Shell::fontsMatchSettings). Window creation touches no ImGui state but the backend's
    // own fields; the atlas is uploaded once the thread is joined.
    shell.setDisplaySize(o.width, o.height);
    std::future<Result<void>> fonts = std::async(std::launch::async, [&shell] { return shell.prepareFonts(); });
    bool tryGl = !o.headless && !o.software;
    if (tryGl) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
        host->window_ = SDL_CreateWindow("Guichet", x, y, o.width, o.height, flags | SDL_WINDOW_OPENGL);
        if (host->window_) {
            auto gl = createGl3Backend(host->window_);
            if (gl) {
                host->backend_ = std::move(*gl);
            } else {
                log::warning("ui", gl.error().message + "; falling back to SDL_Renderer");
                SDL_DestroyWindow(host->window_);
                host->window_ = nullptr;
            }
        }
    }
    if (!host->window_) {
        host->window_ = SDL_CreateWindow("Guichet", x, y, o.width, o.height, flags);
        if (!host->window_) return makeError(ErrorCode::NotSupported, std::string("SDL_CreateWindow: ") + SDL_GetError());
        auto r = createSdlRendererBackend(host->window_, o.headless || o.software);
        if (!r) return r.error();
        host->backend_ = std::move(*r);
    }
    tracePhase("window and backend");
    if (auto built = fonts.get(); !built) return built.error();
    int w = o.width, h = o.height;
    SDL_GetWindowSize(host->window_, &w, &h);
    shell.setDisplaySize(w, h);
    host->translator_ = std::make_unique<EventTranslator>(shell.config().kiosk, w, h);
    RenderBackend* backend = host->backend_.get();
    FrameChange* change = &host->frameChange_;
    shell.setFontTextureHook([backend, change] {
        backend->fontsChanged();
        change->invalidate();
    });
    setTextureApi({[backend, change](int w, int h, const std::uint8_t* rgba) {
                       change->invalidate();
                       return backend->createTexture(w, h, rgba);
                   },
                   [backend, change](ImTextureID t) {
                       change->invalidate();
                       backend->destroyTexture(t);
                   }});
    backend->fontsChanged();  // the atlas built above, uploaded now that the backend exists
    tracePhase("fonts");
    Uint32 wakeType = EventTranslator::wakeEventType();
    shell.queue().setWakeup([wakeType] {
        SDL_Event e{};
        e.type = wakeType;
        SDL_PushEvent(&e);  // thread-safe: wakes SDL_WaitEventTimeout
    });
    if (!o.headless) SDL_ShowCursor(o.windowed ? SDL_ENABLE : SDL_DISABLE);
    log::info("ui", std::string("renderer: ") + backend->name());
    return host;
}

SdlHost::~SdlHost() {
    setCardChime({});
    shell_.queue().setWakeup(nullptr);
    shell_.setFontTextureHook(nullptr);
    setTextureApi({});
    backend_.reset();
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void SdlHost::handle(const SDL_Event& e) {
    Translated t = translator_->translate(e);
    switch (t.action) {
        case Translated::Action::Ignore: break;
        case Translated::Action::Quit: quit_ = true; break;
        case Translated::Action::Input: shell_.input(t.event); dirty_ = true; break;
        case Translated::Action::Resized:
            shell_.setDisplaySize(t.width, t.height);
            frameChange_.invalidate();
            dirty_ = true;
            break;
        case Translated::Action::Wake:
            if (e.type == SDL_WINDOWEVENT) frameChange_.invalidate();  // exposed: its pixels may be gone
            dirty_ = true;
            break;
    }
}

bool SdlHost::pumpEvents() {
    bool any = false;
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        handle(e);
        any = true;
    }
    return any;
}

bool SdlHost::deadlineDue() const {
    auto d = shell_.nextDeadline();
    return d && *d <= steady_clock::now();
}

double SdlHost::renderFrame() {
    translator_->setKeyboardOpen(shell_.keyboard().isOpen());
    auto t0 = steady_clock::now();
    backend_->newFrame();
    if (firstFrameMs_ < 0) tracePhase("first frame: begin");
    shell_.frame();
    if (firstFrameMs_ < 0) tracePhase("first frame: UI built");
    if (shell_.warningJustStarted()) chime_.play();
    double cpuMs = duration<double, std::milli>(steady_clock::now() - t0).count();
    // Headless, nobody looks between screenshots: the UI logic runs every frame (same
    // input path, same tree) but pixels are only produced for `shot` (10x faster tests).
    if (!options_.headless || rasterize_) {
        // Only a frame that shows something new is rasterised and presented: after a key,
        // the screen settles with its first frame (issue 17, one frame per input).
        const bool show = frameChange_.changed(ImGui::GetDrawData(), shell_.context().clearColor) || capture_;
        if (show) {
            backend_->render(ImGui::GetDrawData(), shell_.context().clearColor);
            // Read back before the swap: after it, an OpenGL back buffer's content is undefined.
            if (capture_) captured_ = backend_->readPixels(captureW_, captureH_, capturePixels_);
            backend_->present();
            ++framesPresented_;
        }
        if (!options_.a11yDump.empty())
            writeA11yDump(options_.a11yDump, shell_, {shell_.framesDrawn(), backend_->name(), cpuMs, false, framesPresented_});
    }
    bool drawAgain = false;
    if (firstFrameMs_ < 0) {
        tracePhase("first frame drawn");
        firstFrameMs_ = duration<double, std::milli>(steady_clock::now() - created_).count();
        if (onFirstFrame_) onFirstFrame_();
        if (fullscreenAfterFirstFrame_) {
            fullscreenAfterFirstFrame_ = false;
            if (SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
                log::warning("ui", std::string("full screen: ") + SDL_GetError() + "; the borderless window stays");
            tracePhase("full-screen state set");
            drawAgain = true;  // in case the window manager resized us
        }
    }
    dirty_ = drawAgain;
    if (shell_.context().exitCode) quit_ = true;  // the console's restart: run() returns the code
    return cpuMs;
}

int SdlHost::run() {
    // The timer the loop last slept for. Some deadlines are relative ("when the countdown's
    // number changes", "when the clock's minute changes": always ahead of now when asked
    // again), so the loop draws when the deadline it slept for has passed (issue 14: the
    // countdown stayed at 30 and the clock stopped).
    std::optional<steady_clock::time_point> wake;
    auto wakeDue = [&wake] { return wake && *wake <= steady_clock::now(); };
    while (!quit_) {
        service::loopPulse().beat();  // a hung loop stops this: systemd's watchdog restarts us
        if (!dirty_ && !shell_.wantsFrame() && !deadlineDue() && !wakeDue()) {
            if (!options_.a11yDump.empty() && settledDumped_ != shell_.framesDrawn()) {
                // Tests wait for this: the screen as it stays until the next input or timer.
                writeA11yDump(options_.a11yDump, shell_, {shell_.framesDrawn(), backend_->name(), 0, true, framesPresented_});
                settledDumped_ = shell_.framesDrawn();
            }
            // Sleep until input, a posted task or the next timer: ~0 % CPU when idle.
            int timeout = 60'000;
            wake = shell_.nextDeadline();
            if (auto d = wake) {
                auto ms = duration_cast<milliseconds>(*d - steady_clock::now()).count() + 1;
                timeout = static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
            }
            timeout = service::loopPulse().sleepBoundMs(timeout);  // watchdog ping, heartbeat
            SDL_Event e;
            if (SDL_WaitEventTimeout(&e, timeout)) handle(e);
        }
        pumpEvents();
        if (quit_) break;
        if (dirty_ || shell_.wantsFrame() || deadlineDue() || wakeDue()) {
            renderFrame();
            wake.reset();
        }
    }
    return shell_.context().exitCode.value_or(0);
}

void SdlHost::settle() {
    for (int i = 0; i < 400 && !quit_; ++i) {
        bool events = pumpEvents();
        if (!events && !dirty_ && !shell_.wantsFrame() && !deadlineDue()) return;
        renderFrame();
    }
}

void SdlHost::sleep(milliseconds ms) {
    auto end = steady_clock::now() + ms;
    while (!quit_) {
        auto now = steady_clock::now();
        if (now >= end) break;
        auto until = end;
        if (auto d = shell_.nextDeadline(); d && *d < until) until = std::max(*d, now);
        std::this_thread::sleep_until(until);  // really sleeps: no spinning in the event loop
        if (until < end) dirty_ = true;        // a timer's moment (the countdown's next number)
        settle();
    }
}

void SdlHost::tap(float x, float y) {
    // A mouse click at the control's centre, through SDL's own queue.
    SDL_Event e{};
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = SDL_GetWindowID(window_);
    e.motion.x = static_cast<int>(x);
    e.motion.y = static_cast<int>(y);
    SDL_PushEvent(&e);
    e = {};
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.windowID = SDL_GetWindowID(window_);
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.clicks = 1;
    e.button.x = static_cast<int>(x);
    e.button.y = static_cast<int>(y);
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

Result<void> SdlHost::key(const std::string& name) {
    SDL_Keycode sym = SDLK_UNKNOWN;
    Uint16 mod = KMOD_NONE;
    static const std::pair<const char*, SDL_Keycode> names[] = {
        {"up", SDLK_UP},         {"down", SDLK_DOWN},     {"left", SDLK_LEFT},     {"right", SDLK_RIGHT},
        {"tab", SDLK_TAB},       {"enter", SDLK_RETURN},  {"back", SDLK_ESCAPE},   {"escape", SDLK_ESCAPE},
        {"help", SDLK_F1},       {"delete", SDLK_BACKSPACE}, {"space", SDLK_SPACE}, {"speech", SDLK_F2},
        {"repeat", SDLK_F3},     {"volume-up", SDLK_KP_PLUS}, {"volume-down", SDLK_KP_MINUS},
        {"slower", SDLK_F4},     {"faster", SDLK_F5},
    };
    for (const auto& [n, k] : names)
        if (name == n) sym = k;
    if (name == "shift-tab") { sym = SDLK_TAB; mod = KMOD_LSHIFT; }
    if (name == "alt-f4") { sym = SDLK_F4; mod = KMOD_LALT; }
    if (name == "ctrl-q") { sym = SDLK_q; mod = KMOD_LCTRL; }
    if (name == "ctrl-w") { sym = SDLK_w; mod = KMOD_LCTRL; }
    if (name.size() == 1 && name[0] >= '0' && name[0] <= '9') sym = SDLK_0 + (name[0] - '0');
    if (sym == SDLK_UNKNOWN)
        return makeError(ErrorCode::InvalidArgument, "unknown key '" + name +
                                                         "' (up down left right tab shift-tab enter back help 0-9 "
                                                         "delete space speech repeat volume-up volume-down slower faster alt-f4 ctrl-q)");
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(window_);
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = sym;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
    return {};
}

void SdlHost::text(const std::string& utf8) {
    std::size_t i = 0;
    while (i < utf8.size()) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        SDL_Event e{};
        if ((c >= '0' && c <= '9') || c == ' ') {  // the keypad's own keys
            e.type = SDL_KEYDOWN;
            e.key.keysym.sym = c == ' ' ? SDLK_SPACE : SDLK_0 + (c - '0');
            e.key.state = SDL_PRESSED;
        } else {
            e.type = SDL_TEXTINPUT;
            std::memcpy(e.text.text, utf8.data() + i, std::min(len, sizeof e.text.text - 1));
        }
        e.text.windowID = SDL_GetWindowID(window_);
        SDL_PushEvent(&e);
        i += len;
        // Repeated digits would fall under the key debounce: let each one land.
        if (e.type == SDL_KEYDOWN) {
            settle();
            std::this_thread::sleep_for(milliseconds(shell_.config().debounceMs + 5));
        }
    }
}

void SdlHost::closeWindow() {
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    e.window.windowID = SDL_GetWindowID(window_);
    SDL_PushEvent(&e);
    e = {};
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
}

Result<void> SdlHost::screenshot(const std::string& path) {
    rasterize_ = true;
    capture_ = true;
    renderFrame();
    rasterize_ = false;
    capture_ = false;
    std::vector<std::uint8_t> rgba = std::move(capturePixels_);
    capturePixels_.clear();
    if (!captured_) return captured_;
    return writePng(path, captureW_, captureH_, rgba);
}

Result<void> SdlHost::resize(int width, int height) {
    // A scenario's `size` step (the demo tour turns the screen to portrait): a full-screen
    // window keeps the display's size whatever it is asked, so it becomes a borderless
    // window of the size asked (X lets a window be larger than the screen, as before).
    fullscreenAfterFirstFrame_ = false;
    if (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN) {
        SDL_SetWindowFullscreen(window_, 0);
        pumpEvents();
    }
    SDL_SetWindowSize(window_, width, height);
    pumpEvents();
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    if (w != width || h != height)
        return makeError(ErrorCode::NotSupported, "the window could not be resized to " + std::to_string(width) + "x" +
                                                      std::to_string(height));
    translator_->setSize(w, h);
    shell_.setDisplaySize(w, h);
    dirty_ = true;
    settle();
    return {};
}

}  // namespace guichet::ui
