#include "ui/host/chime.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "drivers/common/log.hpp"

namespace guichet::ui {

Chime::~Chime() {
    if (device_) SDL_CloseAudioDevice(device_);
}

std::vector<float> Chime::samples(int rate) {
    // Two notes (E5 then C5), each with a soft attack and decay: noticeable, not alarming.
    const double notes[] = {659.25, 523.25};
    const double noteSeconds = 0.32;
    std::vector<float> out;
    int perNote = static_cast<int>(rate * noteSeconds);
    for (double f : notes) {
        for (int i = 0; i < perNote; ++i) {
            double t = static_cast<double>(i) / rate;
            double env = std::min(1.0, t / 0.015) * std::exp(-t * 6.0);
            out.push_back(static_cast<float>(0.25 * env * std::sin(2 * M_PI * f * t)));
        }
    }
    return out;
}

bool Chime::play() {
    if (failed_) return false;
    if (!device_) {
        if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            failed_ = true;
            log::warning("ui", std::string("no audio for the idle warning: ") + SDL_GetError());
            return false;
        }
        SDL_AudioSpec want{}, have{};
        want.freq = rate_;
        want.format = AUDIO_F32SYS;
        want.channels = 1;
        want.samples = 1024;
        device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
        if (!device_) {
            failed_ = true;
            log::warning("ui", std::string("no audio device for the idle warning: ") + SDL_GetError());
            return false;
        }
        SDL_PauseAudioDevice(device_, 0);
    }
    auto s = samples(rate_);
    SDL_ClearQueuedAudio(device_);
    return SDL_QueueAudio(device_, s.data(), static_cast<Uint32>(s.size() * sizeof(float))) == 0;
}

}  // namespace guichet::ui
