// Plays speech through an SDL audio device (the headset when one is plugged, A2). The SDL
// audio callback pulls from the AudioSink queue, so interrupting is a flush, not a reopen.
// Tests use SDL's "dummy" or "disk" audio drivers (SDL_AUDIODRIVER).
#pragma once

#include <SDL2/SDL.h>

#include <string>

#include "drivers/common/result.hpp"
#include "kiosk/speech/audio_sink.hpp"

namespace guichet::speech {

class SdlAudioSink final : public AudioSink {
public:
    SdlAudioSink() = default;
    ~SdlAudioSink() override;
    SdlAudioSink(const SdlAudioSink&) = delete;
    SdlAudioSink& operator=(const SdlAudioSink&) = delete;

    // Opens `device` (SDL output device name; empty = the system default) at `sampleRate`
    // mono 16-bit, and starts playing. Reopening switches device (a headset appeared).
    Result<void> open(int sampleRate, const std::string& device = {});
    void close();
    bool isOpen() const { return device_ != 0; }
    SDL_AudioDeviceID deviceId() const { return device_; }
    const std::string& deviceName() const { return deviceName_; }
    int bufferSamples() const { return bufferSamples_; }

private:
    static void callback(void* self, Uint8* stream, int len);
    SDL_AudioDeviceID device_ = 0;
    std::string deviceName_;
    int bufferSamples_ = 0;
    bool ownsSubsystem_ = false;
};

}  // namespace guichet::speech
