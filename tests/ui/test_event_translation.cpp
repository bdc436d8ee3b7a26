// Lock-down: in kiosk mode the closing keys and window-close requests do nothing; out of
// kiosk mode (development) they quit. Touch: one finger only.
#include <catch2/catch.hpp>

#include "ui/host/event_translation.hpp"

using namespace guichet::ui;

namespace {
SDL_Event keyDown(SDL_Keycode sym, Uint16 mod = KMOD_NONE) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    return e;
}
SDL_Event windowClose() {
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    return e;
}
SDL_Event quit() {
    SDL_Event e{};
    e.type = SDL_QUIT;
    return e;
}
SDL_Event finger(Uint32 type, SDL_FingerID id, float x, float y) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    return e;
}
}  // namespace

TEST_CASE("ui.lockdown ignores closing keys and window close in kiosk mode", "[ui]") {
    EventTranslator kiosk(true, 1920, 1080);
    for (const SDL_Event& e : {keyDown(SDLK_F4, KMOD_LALT), keyDown(SDLK_q, KMOD_LCTRL), keyDown(SDLK_w, KMOD_RCTRL),
                               keyDown(SDLK_ESCAPE, KMOD_LALT), keyDown(SDLK_BACKSPACE, KMOD_LCTRL | KMOD_LALT),
                               windowClose(), quit()}) {
        CHECK(kiosk.translate(e).action == Translated::Action::Ignore);
    }
    // Plain Escape stays the keypad's Back key.
    auto esc = kiosk.translate(keyDown(SDLK_ESCAPE));
    CHECK(esc.action == Translated::Action::Input);
    CHECK(esc.event.key == Key::Back);
}

TEST_CASE("ui.lockdown off lets closing keys and window close quit", "[ui]") {
    EventTranslator dev(false, 1920, 1080);
    CHECK(dev.translate(keyDown(SDLK_F4, KMOD_LALT)).action == Translated::Action::Quit);
    CHECK(dev.translate(keyDown(SDLK_q, KMOD_LCTRL)).action == Translated::Action::Quit);
    CHECK(dev.translate(windowClose()).action == Translated::Action::Quit);
    CHECK(dev.translate(quit()).action == Translated::Action::Quit);
}

TEST_CASE("ui.keypad keys map to focus keys", "[ui]") {
    CHECK(keyFromSdl(SDLK_TAB, KMOD_LSHIFT) == Key::ShiftTab);
    CHECK(keyFromSdl(SDLK_KP_ENTER, 0) == Key::Enter);
    CHECK(keyFromSdl(SDLK_KP_5, 0) == Key::Digit5);
    CHECK(keyFromSdl(SDLK_0, 0) == Key::Digit0);
    CHECK(keyFromSdl(SDLK_F1, 0) == Key::Help);
    CHECK(keyFromSdl(SDLK_a, 0) == Key::None);
    CHECK(keyFromSdl(SDLK_UP, KMOD_LCTRL) == Key::None);
}

TEST_CASE("ui.touch follows one finger, a second finger is ignored", "[ui]") {
    EventTranslator t(true, 1000, 2000);
    auto down = t.translate(finger(SDL_FINGERDOWN, 7, 0.5f, 0.25f));
    REQUIRE(down.action == Translated::Action::Input);
    CHECK(down.event.kind == InputEvent::Kind::PointerDown);
    CHECK(down.event.x == Approx(500));
    CHECK(down.event.y == Approx(500));
    CHECK(t.translate(finger(SDL_FINGERDOWN, 8, 0.1f, 0.1f)).action == Translated::Action::Ignore);
    CHECK(t.translate(finger(SDL_FINGERUP, 8, 0.1f, 0.1f)).action == Translated::Action::Ignore);
    auto up = t.translate(finger(SDL_FINGERUP, 7, 0.5f, 0.25f));
    CHECK(up.event.kind == InputEvent::Kind::PointerUp);
    // Mouse events SDL synthesises from touches are not counted twice.
    SDL_Event m{};
    m.type = SDL_MOUSEBUTTONDOWN;
    m.button.which = SDL_TOUCH_MOUSEID;
    m.button.button = SDL_BUTTON_LEFT;
    CHECK(t.translate(m).action == Translated::Action::Ignore);
}

#include "ui/host/chime.hpp"

TEST_CASE("ui.idle warning chime is short and gentle (A4, A18)", "[ui]") {
    auto s = guichet::ui::Chime::samples(48000);
    double seconds = s.size() / 48000.0;
    CHECK(seconds > 0.3);
    CHECK(seconds < 3.0);
    float peak = 0;
    for (float v : s) peak = std::max(peak, std::fabs(v));
    CHECK(peak > 0.05f);
    CHECK(peak <= 0.3f);
    CHECK(std::fabs(s.back()) < 0.05f);  // fades out: no click
}
