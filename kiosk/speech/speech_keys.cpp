#include "kiosk/speech/speech_keys.hpp"

#include <cstring>

namespace guichet::speech {

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
