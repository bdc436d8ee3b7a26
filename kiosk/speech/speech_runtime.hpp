// Everything speech needs in the running terminal, behind one object the application
// wires in with a few hooks: SDL events (speech keys, headset plugged/unplugged), each
// frame's accessibility tree, the language, the session's end. Owns the audio output, the
// engine, the screen reader and the speech log (--speech-log).
#pragma once


#include <cstdint>
#include <memory>
#include <string>

#include "kiosk/speech/headset_detector.hpp"
#include "kiosk/speech/sdl_audio_sink.hpp"
#include "kiosk/speech/speech_controller.hpp"
#include "kiosk/speech/speech_keys.hpp"

namespace guichet::speech {

struct SpeechRuntimeConfig {
    enum class Audio { Sdl, Memory };
    Audio audio = Audio::Sdl;   // Memory: headless runs, synthesised into memory, no sound card
    bool synthesize = true;     // false: log only
    std::string speechLogPath;  // "" = no file (the memory log is still kept for scenarios)
    std::string language = "fr";
};

class SpeechRuntime {
public:
    // Opens the audio output (falls back to memory if there is no sound card: speech must
    // never stop the terminal from starting) and the speech log file.
    static Result<std::unique_ptr<SpeechRuntime>> create(const SpeechRuntimeConfig& config);
    ~SpeechRuntime();

    SpeechController& controller() { return *controller_; }
    SpeechEngine& engine() { return *engine_; }
    SpeechLog& log() { return log_; }
    bool enabled() const { return controller_->enabled(); }

    // Platform events, translated by the UI (ui/speech) so that this layer needs no SDL: an
    // audio output appeared (its index in the audio sink's device list) or went away (the
    // sink's device id) — a headset; a touch (it cuts speech off).
    void audioOutputAppeared(int deviceIndex, bool capture);
    void audioOutputRemoved(std::uint32_t deviceId, bool capture);
    void touched();
    // A speech key from the keypad; true if used. `tree` is the last frame's (read-all).
    bool handleKey(SpeechKey key, const a11y::Tree& tree);

    // An audio output appeared / went away (from SDL events, or directly in tests).
    void outputDeviceAdded(const std::string& name);
    void outputDeviceRemoved(const std::string& name);

    void onFrame(const a11y::Tree& tree) { controller_->onFrame(tree); }
    void setLanguage(const std::string& lang) { controller_->setLanguage(lang); }
    void endSession() { controller_->endSession(); }
    // Waits for speech to finish (headless runs before exiting; tests).
    bool drain(std::chrono::milliseconds timeout) { return engine_->waitIdle(timeout); }

    bool usingSdlAudio() const { return sdl_ && sdl_->isOpen(); }

private:
    SpeechRuntime() = default;
    Result<void> openOutput(const std::string& device);

    SpeechRuntimeConfig config_;
    int sampleRate_ = 22050;
    std::unique_ptr<SdlAudioSink> sdl_;
    std::unique_ptr<MemoryAudioSink> memory_;
    SpeechLog log_;
    std::unique_ptr<SpeechEngine> engine_;
    std::unique_ptr<SpeechController> controller_;
    HeadsetDetector headsets_;
};

}  // namespace guichet::speech
