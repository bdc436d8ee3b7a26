#include "kiosk/speech/speech_keys.hpp"

#include <cstring>

namespace guichet::speech {

std::optional<SpeechKey> speechKeyFor(SDL_Keycode key) {
    switch (key) {
        case SDLK_F1:
        case SDLK_HELP: return SpeechKey::Toggle;
        case SDLK_F2:
        case SDLK_KP_MULTIPLY: return SpeechKey::Repeat;
        case SDLK_F3: return SpeechKey::Slower;
        case SDLK_F4: return SpeechKey::Faster;
        case SDLK_KP_PLUS:
        case SDLK_VOLUMEUP: return SpeechKey::Louder;
        case SDLK_KP_MINUS:
        case SDLK_VOLUMEDOWN: return SpeechKey::Quieter;
        case SDLK_F5: return SpeechKey::ReadAll;
        default: return std::nullopt;
    }
}

namespace {
constexpr const char* kNames[] = {"toggle", "repeat", "slower", "faster", "louder", "quieter", "read-all"};
}

const char* speechKeyName(SpeechKey key) { return kNames[static_cast<int>(key)]; }

std::optional<SpeechKey> speechKeyFromName(const char* name) {
    for (int i = 0; i < 7; ++i)
        if (std::strcmp(kNames[i], name) == 0) return static_cast<SpeechKey>(i);
    return std::nullopt;
}

}  // namespace guichet::speech
