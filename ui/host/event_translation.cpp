#include "ui/host/event_translation.hpp"

#include <algorithm>
#include <cstring>

namespace guichet::ui {

Uint32 EventTranslator::wakeEventType() {
    static Uint32 type = SDL_RegisterEvents(1);
    return type;
}

bool isClosingChord(SDL_Keycode sym, Uint16 mod) {
    bool alt = mod & KMOD_ALT, ctrl = mod & KMOD_CTRL, gui = mod & KMOD_GUI;
    if (alt && sym == SDLK_F4) return true;
    if (ctrl && (sym == SDLK_q || sym == SDLK_w)) return true;
    if (ctrl && alt && (sym == SDLK_BACKSPACE || sym == SDLK_DELETE)) return true;
    if ((alt || ctrl || gui) && sym == SDLK_ESCAPE) return true;
    if (gui && (sym == SDLK_q || sym == SDLK_w)) return true;
    return false;
}

Key keyFromSdl(SDL_Keycode sym, Uint16 mod) {
    if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) return Key::None;  // chords are never keypad input
    switch (sym) {
        case SDLK_UP: return Key::Up;
        case SDLK_DOWN: return Key::Down;
        case SDLK_LEFT: return Key::Left;
        case SDLK_RIGHT: return Key::Right;
        case SDLK_TAB: return (mod & KMOD_SHIFT) ? Key::ShiftTab : Key::Tab;
        case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_RETURN2: return Key::Enter;
        case SDLK_ESCAPE: case SDLK_AC_BACK: return Key::Back;
        case SDLK_F1: case SDLK_HELP: return Key::Help;
        case SDLK_F2: case SDLK_KP_MULTIPLY: return Key::Speech;
        case SDLK_F3: return Key::Repeat;
        case SDLK_F4: return Key::Slower;
        case SDLK_F5: return Key::Faster;
        case SDLK_KP_PLUS: case SDLK_VOLUMEUP: return Key::VolumeUp;
        case SDLK_KP_MINUS: case SDLK_VOLUMEDOWN: return Key::VolumeDown;
        case SDLK_BACKSPACE: case SDLK_DELETE: return Key::Delete;
        case SDLK_SPACE: return Key::Space;
        default: break;
    }
    if (sym >= SDLK_0 && sym <= SDLK_9) return static_cast<Key>(static_cast<int>(Key::Digit0) + (sym - SDLK_0));
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9) return static_cast<Key>(static_cast<int>(Key::Digit1) + (sym - SDLK_KP_1));
    if (sym == SDLK_KP_0) return Key::Digit0;
    return Key::None;
}

Translated EventTranslator::translate(const SDL_Event& e) {
    Translated t;
    switch (e.type) {
        case SDL_QUIT:
            t.action = kiosk_ ? Translated::Action::Ignore : Translated::Action::Quit;
            return t;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) {
                t.action = kiosk_ ? Translated::Action::Ignore : Translated::Action::Quit;
            } else if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED) {
                t.action = Translated::Action::Resized;
                t.width = e.window.data1;
                t.height = e.window.data2;
                width_ = t.width;
                height_ = t.height;
            } else if (e.window.event == SDL_WINDOWEVENT_EXPOSED) {
                t.action = Translated::Action::Wake;
            }
            return t;
        case SDL_MOUSEMOTION:
            if (e.motion.which == SDL_TOUCH_MOUSEID) return t;  // SDL's copy of a touch
            t.action = Translated::Action::Input;
            t.event.kind = InputEvent::Kind::PointerMove;
            t.event.x = static_cast<float>(e.motion.x);
            t.event.y = static_cast<float>(e.motion.y);
            return t;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return t;
            t.action = Translated::Action::Input;
            t.event.kind = e.type == SDL_MOUSEBUTTONDOWN ? InputEvent::Kind::PointerDown : InputEvent::Kind::PointerUp;
            t.event.x = static_cast<float>(e.button.x);
            t.event.y = static_cast<float>(e.button.y);
            return t;
        case SDL_MOUSEWHEEL:  // a development mouse; residents drag or use the page's arrows
            if (e.wheel.which == SDL_TOUCH_MOUSEID || e.wheel.y == 0) return t;
            t.action = Translated::Action::Input;
            t.event.kind = InputEvent::Kind::Wheel;
            t.event.y = static_cast<float>(e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e.wheel.y : e.wheel.y);
            return t;
        case SDL_FINGERDOWN:
            if (finger_) return t;  // a second finger: ignored (A14, no multi-touch)
            finger_ = e.tfinger.fingerId;
            t.action = Translated::Action::Input;
            t.event.kind = InputEvent::Kind::PointerDown;
            t.event.x = e.tfinger.x * width_;
            t.event.y = e.tfinger.y * height_;
            return t;
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            if (!finger_ || *finger_ != e.tfinger.fingerId) return t;
            t.action = Translated::Action::Input;
            t.event.kind = e.type == SDL_FINGERUP ? InputEvent::Kind::PointerUp : InputEvent::Kind::PointerMove;
            t.event.x = e.tfinger.x * width_;
            t.event.y = e.tfinger.y * height_;
            if (e.type == SDL_FINGERUP) finger_.reset();
            return t;
        case SDL_KEYDOWN: {
            if (isClosingChord(e.key.keysym.sym, e.key.keysym.mod)) {
                t.action = kiosk_ ? Translated::Action::Ignore : Translated::Action::Quit;
                return t;
            }
            // A key held down repeats: not a new press (each real press comes after a release).
            if (e.key.repeat) return t;
            Key k = keyFromSdl(e.key.keysym.sym, e.key.keysym.mod);
            if (k == Key::None) return t;
            t.action = Translated::Action::Input;
            t.event.kind = InputEvent::Kind::KeyDown;
            t.event.key = k;
            return t;
        }
        case SDL_TEXTINPUT: {
            // Digits and space already came as keys (the keypad); letters only from a
            // development keyboard or the scenario `type` step.
            const char* s = e.text.text;
            if ((s[0] >= '0' && s[0] <= '9' && s[1] == 0) || (s[0] == ' ' && s[1] == 0)) return t;
            t.action = Translated::Action::Input;
            t.event.kind = InputEvent::Kind::Text;
            std::size_t n = std::min(std::strlen(s), sizeof t.event.text - 1);
            std::memcpy(t.event.text, s, n);
            return t;
        }
        default:
            if (e.type == wakeEventType()) t.action = Translated::Action::Wake;
            return t;
    }
}

}  // namespace guichet::ui
