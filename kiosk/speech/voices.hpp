// The languages speech follows (the display languages, A6) and, for each, the espeak-ng
// voice and the few words speech adds around labels (role names, "1 sur 9", on/off).
// Labels themselves come already translated from the UI's accessibility tree.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "kiosk/a11y/a11y_tree.hpp"

namespace guichet::speech {

inline constexpr std::array<std::string_view, 6> kLanguages{"fr", "en", "es", "de", "pt", "it"};

bool isSupportedLanguage(std::string_view lang);
// Unknown languages fall back to French (the terminal's default language).
const char* espeakVoiceFor(std::string_view lang);

// The words speech adds in one language.
struct Phrases {
    const char* roles[12];       // indexed by a11y::Role
    const char* positionOf;      // "1 sur 9": the word between the two numbers
    const char* on;              // toggle state
    const char* off;
    const char* checked;         // checkbox state
    const char* unchecked;
    const char* unavailable;     // disabled control
    const char* empty;           // an empty text field
    const char* protectedEntry;  // a masked field: never its value (A3)
    const char* personalHidden;  // a personal value while no headset is the output (A3)
    const char* deleted;         // a character erased
    const char* space;           // the space character
    const char* maskedKey;       // said for each key typed into a masked field
    const char* speechOn;        // announced when speech mode starts
    const char* speechOff;
    const char* headsetOn;       // announced when a headset switched speech on
    const char* faster;
    const char* slower;
    const char* volume;          // "Volume" followed by a percentage
    const char* idleWarning;     // "%d" = seconds left
    const char* sessionExtended;
    const char* extendHint;      // said after the idle warning shown by the UI
};

const Phrases& phrasesFor(std::string_view lang);
std::string roleWord(a11y::Role role, std::string_view lang);

}  // namespace guichet::speech
