// The idle warning's sound (A18: visual, sound, speech): a soft two-note chime under a
// second (A4: never longer than 3 s), synthesised, played through SDL audio. The device
// is opened on first use so that start-up never waits for audio.
#pragma once

#include <SDL.h>

#include <vector>

namespace guichet::ui {

class Chime {
public:
    ~Chime();
    // Queues the chime; false (and a log line, once) when no audio device can be opened.
    bool play();
    static std::vector<float> samples(int rate);  // the chime itself, mono float

private:
    SDL_AudioDeviceID device_ = 0;
    bool failed_ = false;
    int rate_ = 48000;
};

}  // namespace guichet::ui
