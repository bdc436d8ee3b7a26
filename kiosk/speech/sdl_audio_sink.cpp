#include "kiosk/speech/sdl_audio_sink.hpp"

namespace guichet::speech {

SdlAudioSink::~SdlAudioSink() { close(); }

Result<void> SdlAudioSink::open(int sampleRate, const std::string& device) {
    close();
    if (!SDL_WasInit(SDL_INIT_AUDIO)) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
            return makeError(ErrorCode::NotFound, std::string("no audio: ") + SDL_GetError());
        ownsSubsystem_ = true;
    }
    SDL_AudioSpec want{}, have{};
    want.freq = sampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    // 512 samples at 22 kHz = 23 ms: short enough that speech starts promptly after a key.
    want.samples = 512;
    want.callback = &SdlAudioSink::callback;
    want.userdata = this;
    device_ = SDL_OpenAudioDevice(device.empty() ? nullptr : device.c_str(), 0, &want, &have, 0);
    if (device_ == 0)
        return makeError(ErrorCode::NotFound, "cannot open audio output '" + (device.empty() ? std::string("default") : device) +
                                                  "': " + SDL_GetError());
    deviceName_ = device;
    bufferSamples_ = have.samples;
    SDL_PauseAudioDevice(device_, 0);
    return {};
}

void SdlAudioSink::close() {
    if (device_ != 0) {
        SDL_CloseAudioDevice(device_);
        device_ = 0;
    }
    if (ownsSubsystem_) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        ownsSubsystem_ = false;
    }
}

void SdlAudioSink::callback(void* self, Uint8* stream, int len) {
    auto* sink = static_cast<SdlAudioSink*>(self);
    sink->pull(reinterpret_cast<std::int16_t*>(stream), static_cast<std::size_t>(len) / sizeof(std::int16_t));
}

}  // namespace guichet::speech
