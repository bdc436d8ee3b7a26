// Checks a screen's accessibility tree for what speech needs: a title to announce, and a
// non-empty spoken label for every focusable control (A1, A12). Used by the keypad walk
// over every screen; each problem is one line naming the screen and the control.
#pragma once

#include <string>
#include <vector>

#include "kiosk/a11y/a11y_tree.hpp"
#include "kiosk/speech/speech_log.hpp"

namespace guichet::speech {

std::vector<std::string> auditForSpeech(const a11y::Tree& tree);

// The screen as a resident heard it: auditForSpeech's checks, plus its title heard since
// the screen appeared (`screenMark`: the log's size then) in an utterance that was neither
// cut off nor failed, and no utterance since the mark that failed to start. The keypad-only
// replay runs it after every step; an empty result means the screen passes.
std::vector<std::string> auditHeardScreen(const a11y::Tree& tree, const SpeechLog& log, std::size_t screenMark);

}  // namespace guichet::speech
