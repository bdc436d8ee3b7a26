// What the shell understands of the hardware: a pointer (touch or mouse, one finger only,
// A14) and the keypad's keys, already translated from SDL by the host. One path for real
// and injected input, so headless tests exercise what a resident's touch does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace guichet::ui {

enum class Key {
    None, Up, Down, Left, Right, Tab, ShiftTab, Enter, Back, Help,
    Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
    Delete,       // backspace in a field
    Space,
    Speech,       // the marked speech key (F2 / keypad "*"): the speech area handles it
    Repeat,       // repeat what was last said (F3)
    VolumeUp, VolumeDown,
    Slower, Faster,  // speech rate (F4 / F5)
};

const char* keyName(Key key);           // "up", "enter", "digit-3", …
Key keyFromName(std::string_view name); // Key::None when unknown
inline int digitOf(Key k) {
    return k >= Key::Digit0 && k <= Key::Digit9 ? static_cast<int>(k) - static_cast<int>(Key::Digit0) : -1;
}

struct InputEvent {
    enum class Kind { PointerMove, PointerDown, PointerUp, KeyDown, Text, Wheel };
    Kind kind = Kind::PointerMove;
    float x = 0, y = 0;  // pointer position, window pixels (Wheel: y = notches, up > 0)
    Key key = Key::None;
    char text[8] = {};   // one UTF-8 code point (physical keyboard during development)
    // When the shell received it (steady clock, ms): the pace of a burst is read from
    // arrival, not from processing (the shell takes at most one key a frame).
    std::int64_t arrivedMs = 0;
};

}  // namespace guichet::ui
