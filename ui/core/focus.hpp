// Keypad focus (A11): which control is focused, how arrows/Tab move it (spatially for
// arrows, in reading order for Tab, always wrapping so nothing traps), and which control
// Enter activates. Moves are computed on the previous frame's accessibility tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/a11y/a11y_tree.hpp"
#include "ui/core/input.hpp"

namespace guichet::ui {

class FocusManager {
public:
    // Applies a navigation key using the focusable nodes of the last frame. Returns true
    // when the key was a focus key (arrows, Tab, Enter).
    bool handleKey(Key key, const std::vector<const a11y::Node*>& focusable);

    struct ItemState {
        bool focused = false;
        bool activated = false;   // Enter on it this frame
        bool justFocused = false; // focus arrived this frame (scroll it into view)
    };
    // Called by every focusable widget while drawing.
    ItemState item(std::string_view id);
    // After the frame: a focused id that no longer exists is dropped; in keypad mode the
    // first control of a new screen gets the focus.
    void endFrame(const std::vector<const a11y::Node*>& focusable);

    void setFocus(std::string_view id, bool fromKeypad);
    void clear();             // new screen
    // Scrolls `id` into view on the next frame without showing the ring (scenario taps
    // on a control below the fold, as a resident would scroll to it).
    void reveal(std::string_view id);
    void pointerUsed();       // a touch hides the ring until the keypad is used again
    bool ringVisible() const { return keypadMode_ && !focused_.empty(); }
    bool keypadMode() const { return keypadMode_; }
    const std::string& focusedId() const { return focused_; }

private:
    std::string focused_;
    std::string activate_;
    bool moved_ = false;
    bool keypadMode_ = false;
};

}  // namespace guichet::ui
