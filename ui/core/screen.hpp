// The extension point of the shell: a Screen draws itself and returns what the resident
// asked for (an Intent); screens, home tiles and app extensions register themselves from
// their own files (GUICHET_SCREEN, GUICHET_HOME_TILES, GUICHET_UI_EXTENSION), so another
// area adds a screen without editing the shell. See docs/shell.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace guichet::ui {

class UiContext;
enum class Key;

// What a screen wants after this frame. The router applies it between frames.
struct Intent {
    enum class Kind { None, Push, Replace, Back, Home, EndSession };
    Kind kind = Kind::None;
    std::string screen;  // Push/Replace: registered screen id
    std::string param;   // handed to the screen's factory ("acte-naissance")

    static Intent none() { return {}; }
    static Intent push(std::string screen, std::string param = {}) { return {Kind::Push, std::move(screen), std::move(param)}; }
    static Intent replace(std::string screen, std::string param = {}) { return {Kind::Replace, std::move(screen), std::move(param)}; }
    static Intent back() { return {Kind::Back, {}, {}}; }
    static Intent home() { return {Kind::Home, {}, {}}; }
    static Intent endSession() { return {Kind::EndSession, {}, {}}; }
    explicit operator bool() const { return kind != Kind::None; }
};

class Screen {
public:
    virtual ~Screen() = default;
    virtual std::string id() const = 0;              // "home", "wizard.acte-naissance"
    virtual std::string title() const = 0;           // translated; spoken on entry
    virtual std::string instruction() const { return {}; }  // one line: what to do here
    virtual void onEnter(UiContext&) {}
    virtual void onLeave(UiContext&) {}
    // Draws the whole screen (use PageScope for the standard header/footer) and returns
    // the resident's request, if any. Never blocks, never does I/O.
    virtual Intent draw(UiContext& ctx) = 0;
    // A key the focus logic did not use (digits, Help, Back): return true if handled.
    virtual bool onKey(UiContext&, Key) { return false; }
    // Every key as it arrives, before debounce and focus (a barcode reader types a burst
    // that ends with Enter): return true to consume it. Most screens leave this alone.
    // arrivedMs: when the key reached the shell (steady clock).
    virtual bool onRawKey(UiContext&, Key, std::int64_t /*arrivedMs*/) { return false; }
    // Typed text while the on-screen keyboard is closed (a keyboard-wedge reader's letters).
    virtual void onText(UiContext&, const char* /*utf8*/, std::int64_t /*arrivedMs*/) {}
    // What the Help key / button shows (FALC); empty = the instruction.
    virtual std::string help() const { return instruction(); }
};

using ScreenFactory = std::function<std::unique_ptr<Screen>(UiContext&, const std::string& param)>;

bool registerScreen(const std::string& id, ScreenFactory factory);
const ScreenFactory* findScreen(const std::string& id);
std::vector<std::string> registeredScreens();

// A tile of the home screen. Procedures come from the catalogue's provider; the shell
// adds Information, Language and Accessibility itself.
struct HomeTile {
    std::string id;        // "acte-naissance"
    std::string title;     // translated label
    std::string icon;      // icon name (ui/core/icons.hpp): "document", "rings", …
    Intent open;           // usually Intent::push("wizard", id)
    int order = 100;       // lower first
};

class HomeTileProvider {
public:
    virtual ~HomeTileProvider() = default;
    virtual std::vector<HomeTile> tiles(UiContext& ctx) = 0;
    // A fallback provider is used only when no regular provider is registered (the shell's
    // sample tiles until the catalogue lands).
    virtual bool fallback() const { return false; }
};

bool registerHomeTileProvider(std::function<std::unique_ptr<HomeTileProvider>()> factory);
// Tiles of every provider (regular ones, else fallbacks), sorted by order.
std::vector<HomeTile> collectHomeTiles(UiContext& ctx);

// Hooks into the app's life for areas that are not screens (speech, device services):
// onStart can fill ctx.services; afterFrame sees the finished accessibility tree.
class UiExtension {
public:
    virtual ~UiExtension() = default;
    virtual void onStart(UiContext&) {}
    virtual bool onKey(UiContext&, Key) { return false; }   // before focus handling
    virtual void afterFrame(UiContext&) {}
    virtual void onSessionEnd(UiContext&) {}
    virtual void onShutdown(UiContext&) {}
};
bool registerUiExtension(std::function<std::unique_ptr<UiExtension>()> factory);
std::vector<std::unique_ptr<UiExtension>> createUiExtensions();

// Named modes for the first screen, the `mode` scenario step and the demo: "large-text",
// "high-contrast", "standard", … Another area adds its own ("speech").
using ModeFn = std::function<void(UiContext&)>;
bool registerMode(const std::string& name, ModeFn fn);
const ModeFn* findMode(const std::string& name);
std::vector<std::string> registeredModes();

}  // namespace guichet::ui

#define GUICHET_UI_CONCAT2(a, b) a##b
#define GUICHET_UI_CONCAT(a, b) GUICHET_UI_CONCAT2(a, b)
// GUICHET_SCREEN("home", [](UiContext& ctx, const std::string&) { return std::make_unique<HomeScreen>(); });
#define GUICHET_SCREEN(id, factory) \
    static const bool GUICHET_UI_CONCAT(guichetScreen_, __LINE__) = ::guichet::ui::registerScreen(id, factory)
// GUICHET_HOME_TILES(MyProvider);  (default-constructible HomeTileProvider)
#define GUICHET_HOME_TILES(Type)                                                         \
    static const bool GUICHET_UI_CONCAT(guichetTiles_, __LINE__) =                       \
        ::guichet::ui::registerHomeTileProvider([] { return std::make_unique<Type>(); })
#define GUICHET_UI_EXTENSION(Type)                                                       \
    static const bool GUICHET_UI_CONCAT(guichetExtension_, __LINE__) =                   \
        ::guichet::ui::registerUiExtension([] { return std::make_unique<Type>(); })
#define GUICHET_MODE(name, fn) \
    static const bool GUICHET_UI_CONCAT(guichetMode_, __LINE__) = ::guichet::ui::registerMode(name, fn)
