// Everything a screen may use while drawing: the theme and fonts of the current modes, the
// accessibility tree it declares its widgets to, keypad focus, the session (settings and
// resident buffers), the device and storage services, and the UI-thread queue.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "kiosk/a11y/a11y_tree.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/config/terminal_config.hpp"
#include "kiosk/devices/device_services.hpp"
#include "kiosk/session/session.hpp"
#include "kiosk/submission/submission.hpp"
#include "ui/core/focus.hpp"
#include "ui/core/fonts.hpp"
#include "ui/core/theme.hpp"

namespace guichet::ui {

class OnScreenKeyboard;

// Filled by UiExtension::onStart (device areas, the outbox); any may stay null: screens
// show the device as unavailable rather than crash.
struct Services {
    ReceiptPrinterService* printer = nullptr;
    CardReaderService* cardReader = nullptr;
    ScannerService* scanner = nullptr;
    SubmissionStore* submissions = nullptr;
};

class UiContext {
public:
    UiContext(const TerminalConfig& config, Session& session, MainThreadQueue& queue, a11y::Tree& tree,
              FocusManager& focus, OnScreenKeyboard& keyboard)
        : config(config), session(session), queue(queue), tree(tree), focus(focus), keyboard(keyboard) {}

    const TerminalConfig& config;
    Session& session;
    MainThreadQueue& queue;
    a11y::Tree& tree;
    FocusManager& focus;
    OnScreenKeyboard& keyboard;
    Services services;
    // The town's name by language, from the catalogue's _commune.toml (the one place it is
    // configured); empty until a catalogue is loaded.
    std::map<std::string, std::string> townNames;
    // The town's name in the session's language (French when not translated).
    std::string town() const {
        for (const std::string& l : {session.language(), std::string("fr")}) {
            auto it = townNames.find(l);
            if (it != townNames.end() && !it->second.empty()) return it->second;
        }
        return {};
    }
    std::string dataDir;    // --data: the terminal's working files (database, spool)
    bool demo = false;      // --demo: emulated devices, sample data
    bool headless = false;  // --headless: no display, no audio device

    // An extension that must not let the terminal start (a configuration the operator has
    // to fix) says why here instead of exiting: the shell starts no further extension,
    // shuts down those started, and main() prints the message and exits with `code`.
    struct StartRefusal {
        int code = 2;
        std::string message;  // file:line: what is wrong, then the consequence
    };
    std::optional<StartRefusal> startRefusal;
    void refuseStart(int code, std::string message) {
        if (!startRefusal) startRefusal = StartRefusal{code, std::move(message)};
    }

    // Per frame, set by the shell.
    const Palette* palette = &standardPalette();
    FontSet fonts;
    float width = 1920, height = 1080;
    float unit = 1;         // layout unit: short side / 1080
    double time = 0;        // seconds since start (animations, countdowns)
    bool inert = false;     // drawing behind an overlay: widgets draw but neither react nor register
    // While a key is handled: when it reached the terminal. The pace of a burst (multi-tap
    // letters) is read from arrival, not from handling: the shell takes one key a frame,
    // so on a slow frame two quick presses would be handled far apart.
    std::optional<std::chrono::steady_clock::time_point> keyArrived;
    // The colour the frame is cleared with (the page background): cheaper than painting
    // a full-screen rectangle, which costs ~30 ms a frame on the software renderer.
    Rgb clearColor;
    bool portrait() const { return height > width; }
    float px(float designPixels) const { return designPixels * unit; }
    const Palette& colors() const { return *palette; }
    // Asks for another frame soon (an animation or a pending change); without it the
    // terminal sleeps until input, a timer or a posted task.
    void requestFrame() { frameRequested = true; }
    bool frameRequested = false;

    // Where this frame's page put its parts (PageScope fills it; reset every frame). The
    // host's --a11y-dump hands it to the window tests' layout audit; drag-to-scroll uses it.
    struct PageFrame {
        bool valid = false;
        float bodyTop = 0, bodyBottom = 0, footerTop = 0;
        float scrollY = 0, scrollMaxY = 0;  // the body's scroll position and its limit
        // The height one part of a page cut into parts holds (the wizard's pagedBody sets it
        // before measuring its blocks); 0 on a page that is not cut. A block that can be drawn
        // smaller (the fresh scan's picture) fits itself to it rather than take a part alone.
        float partRoom = 0;
        // While the blocks of the part on screen are drawn: the y where that part ends (the
        // navigation's margin). 0 while blocks are measured. A block that can be drawn smaller
        // takes min(what it was measured with, what is left down to here): drawn never taller
        // than measured, so the pagination stays true, and never under the navigation, even
        // when the titles above it took more lines than it allowed for (200 % in landscape).
        float partBottom = 0;
    };
    PageFrame page;
    // A page that must stay readable longer than the usual idle time (the confirmation
    // holds the resident's reference) asks for it here while it is drawn, and says so on
    // the page; the shell applies it to the session. Reset every frame.
    std::chrono::seconds readingTime{0};
    // A page that must close by itself, without the idle warning, after this long without
    // input (the operator console: 60 s) asks for it here while it is drawn; the session
    // then ends (wiped, back to the attract screen). Reset every frame.
    std::chrono::seconds closeWhenIdle{0};

    // The operator console (ui/console). "Hors service": residents see the out-of-service
    // screen instead of the attract screen, and no touch or key starts a démarche.
    bool outOfService = false;
    // A screen an extension asks to open over the current one (the console's opening
    // gesture is seen by an extension, which cannot return an intent): pushed after the frame.
    std::string requestedScreen;
    // Set to make the terminal quit with this exit code (the console's "Redémarrer la borne":
    // systemd's Restart=always starts it again).
    std::optional<int> exitCode;
};

}  // namespace guichet::ui
