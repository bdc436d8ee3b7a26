// SDL events -> what the shell understands, with the kiosk lock-down applied: closing
// keys (Alt+F4, Ctrl+Q, Ctrl+W, Escape chords) and window-close requests are dropped in
// kiosk mode; only the operator path ends the terminal.
#pragma once

#include <SDL.h>

#include <optional>

#include "ui/core/input.hpp"

namespace guichet::ui {

struct Translated {
    enum class Action { Ignore, Input, Quit, Resized, Wake };
    Action action = Action::Ignore;
    InputEvent event;
    int width = 0, height = 0;
};

class EventTranslator {
public:
    EventTranslator(bool kiosk, int width, int height) : kiosk_(kiosk), width_(width), height_(height) {}
    Translated translate(const SDL_Event& e);
    void setSize(int w, int h) { width_ = w; height_ = h; }
    void setKeyboardOpen(bool open) { keyboardOpen_ = open; }
    static Uint32 wakeEventType();  // registered once: MainThreadQueue's wake-up

private:
    bool kiosk_;
    int width_, height_;
    bool keyboardOpen_ = false;
    std::optional<SDL_FingerID> finger_;  // the one finger we follow (no multi-touch, A14)
};

// Keypad/keyboard mapping: SDL key -> Key (None when not ours).
Key keyFromSdl(SDL_Keycode sym, Uint16 mod);
// A closing shortcut the lock-down swallows (Alt+F4, Ctrl+Q, Ctrl+W, Ctrl+Alt+Backspace…).
bool isClosingChord(SDL_Keycode sym, Uint16 mod);

}  // namespace guichet::ui
