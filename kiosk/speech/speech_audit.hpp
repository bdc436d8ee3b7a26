// Checks a screen's accessibility tree for what speech needs: a title to announce, and a
// non-empty spoken label for every focusable control (A1, A12). Used by the keypad walk
// over every screen; each problem is one line naming the screen and the control.
#pragma once

#include <string>
#include <vector>

#include "kiosk/a11y/a11y_tree.hpp"

namespace guichet::speech {

std::vector<std::string> auditForSpeech(const a11y::Tree& tree);

}  // namespace guichet::speech
