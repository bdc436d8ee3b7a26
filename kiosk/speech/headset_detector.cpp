#include "kiosk/speech/headset_detector.hpp"

#include <SDL2/SDL.h>

#include <algorithm>

namespace guichet::speech {

std::optional<std::string> HeadsetDetector::deviceAdded(const std::string& name) {
    if (name.empty()) return std::nullopt;
    if (std::find(startup_.begin(), startup_.end(), name) != startup_.end()) return std::nullopt;
    headset_ = name;
    return headset_;
}

bool HeadsetDetector::deviceRemoved(const std::string& name) {
    if (!headset_ || *headset_ != name) return false;
    headset_.reset();
    return true;
}

std::vector<std::string> HeadsetDetector::currentOutputDevices() {
    std::vector<std::string> out;
    const int n = SDL_GetNumAudioDevices(0);
    for (int i = 0; i < n; ++i)
        if (const char* name = SDL_GetAudioDeviceName(i, 0)) out.emplace_back(name);
    return out;
}

std::string HeadsetDetector::outputDeviceName(int index) {
    const char* name = SDL_GetAudioDeviceName(index, 0);
    return name ? std::string(name) : std::string();
}

}  // namespace guichet::speech
