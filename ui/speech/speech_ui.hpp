// Speech in the running terminal: the UI extension that feeds each frame's accessibility
// tree to the speech runtime, maps the keypad's speech keys, does multi-tap letters and
// the one-key extension of the idle warning, and mirrors speech on/off into the session's
// settings (explore-then-confirm and longer timeouts read it there).
#pragma once

#include <string>

#include "kiosk/speech/speech_runtime.hpp"

namespace guichet::ui {

struct SpeechStartup {
    bool headless = false;      // also headless when UiContext::headless: memory, no sound card
    std::string speechLogPath;  // --speech-log FILE (registered as a guichet option here)
};
// For programs that run the shell without guichet's command line (tests, tools).
void configureSpeech(SpeechStartup startup);

// The running terminal's speech (null before the first frame or when it could not start).
speech::SpeechRuntime* speechRuntime();

}  // namespace guichet::ui
