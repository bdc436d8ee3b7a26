// The keypad's speech keys: which physical key does what. One table, so that the keypad
// legend, the docs and the code agree (docs/speech.md lists them).
#pragma once

#include <SDL2/SDL_keycode.h>

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

std::optional<SpeechKey> speechKeyFor(SDL_Keycode key);
const char* speechKeyName(SpeechKey key);  // "toggle", "repeat", … (scenario steps, logs)
std::optional<SpeechKey> speechKeyFromName(const char* name);

}  // namespace guichet::speech
