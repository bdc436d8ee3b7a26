// What the keypad's speech keys ask for. The physical keys are mapped by the UI host
// (ui/host/event_translation.cpp); docs/speech.md lists them.
#pragma once

#include <optional>

namespace guichet::speech {

enum class SpeechKey {
    Toggle,   // the marked key: speech on/off (A2)
    Repeat,   // say the focused control again (A1)
    Slower,
    Faster,
    Louder,   // volume without sight (A5)
    Quieter,
    ReadAll,  // title, instruction and every text of the screen
};

const char* speechKeyName(SpeechKey key);  // "toggle", "repeat", … (scenario steps, logs)
std::optional<SpeechKey> speechKeyFromName(const char* name);

}  // namespace guichet::speech
