// The terminal's window: SDL2 (full screen and borderless, windowed for development, or
// SDL's dummy driver headless), a render backend, the event-driven loop that sleeps
// until input, a timer or a posted task, and the ScenarioHost that tests drive.
#pragma once

#include <SDL.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ui/host/chime.hpp"
#include "ui/host/event_translation.hpp"
#include "ui/host/frame_change.hpp"
#include "ui/host/render_backend.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui {

struct HostOptions {
    bool headless = false;   // SDL dummy video driver + software renderer
    bool windowed = false;   // a normal window instead of full screen borderless
    bool software = false;   // force the SDL_Renderer software backend
    int width = 1920, height = 1080;
    std::string outDir;      // screenshots
    std::string a11yDump;    // --a11y-dump: the accessibility tree after every presented frame
};

class SdlHost : public ScenarioHost {
public:
    // Starts SDL and the backend (GL3, else SDL_Renderer), loads the fonts. Errors are one
    // line for the operator (a missing font names its file).
    static Result<std::unique_ptr<SdlHost>> create(Shell& shell, HostOptions options);
    ~SdlHost() override;

    // The interactive loop; returns the exit code when the app may quit (never in kiosk
    // mode by closing keys or window close).
    int run();
    // One frame: shell.frame(), render, present. Returns the ImGui CPU time in ms.
    double renderFrame();
    RenderBackend& backend() { return *backend_; }
    double firstFrameMs() const { return firstFrameMs_; }
    // Called once, right after the first frame is presented (benchmarks time start-up).
    void onFirstFrame(std::function<void()> fn) { onFirstFrame_ = std::move(fn); }

    // ScenarioHost
    Shell& shell() override { return shell_; }
    void tap(float x, float y) override;
    Result<void> key(const std::string& name) override;
    void text(const std::string& utf8) override;
    void closeWindow() override;
    void settle() override;
    void sleep(std::chrono::milliseconds ms) override;
    Result<void> screenshot(const std::string& path) override;
    Result<void> resize(int width, int height) override;
    const std::string& outDir() const override { return options_.outDir; }
    bool running() const override { return !quit_; }

private:
    SdlHost(Shell& shell, HostOptions options);
    bool pumpEvents();  // true when something happened
    void handle(const SDL_Event& e);
    bool deadlineDue() const;

    Shell& shell_;
    HostOptions options_;
    SDL_Window* window_ = nullptr;
    std::unique_ptr<RenderBackend> backend_;
    std::unique_ptr<EventTranslator> translator_;
    FrameChange frameChange_;  // a frame identical to the screen is built, not presented
    unsigned framesPresented_ = 0;
    bool quit_ = false;
    bool dirty_ = true;
    bool rasterize_ = false;  // headless: draw pixels for this frame (a screenshot)
    bool capture_ = false;    // read this frame's pixels back (between render and present)
    Result<void> captured_;
    int captureW_ = 0, captureH_ = 0;
    std::vector<std::uint8_t> capturePixels_;
    double firstFrameMs_ = -1;
    // Full screen: the window covers the screen from its first frame (borderless, at the
    // display's bounds) and asks for the full-screen state just after it, because SDL then
    // waits ~100 ms for a window manager that a kiosk under plain X does not have (issue 17).
    bool fullscreenAfterFirstFrame_ = false;
    unsigned settledDumped_ = ~0u;  // the frame whose settled state the a11y dump last wrote
    std::function<void()> onFirstFrame_;
    Chime chime_;
    std::chrono::steady_clock::time_point created_;
};

}  // namespace guichet::ui
