// The speech engine: a queue of utterances synthesised by ONE worker thread (espeak-ng is
// single-threaded) and played through an AudioSink. Utterances can be queued, interrupted
// (any key or focus change cuts speech off), repeated, and spoken faster/slower/louder.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

#include "kiosk/speech/audio_sink.hpp"
#include "kiosk/speech/speech_log.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::speech {

struct Utterance {
    std::string text;
    std::string logText;   // text with personal values redacted ("" = same as text)
    std::string language;  // "" = the engine's current language
};

// Rate and volume the resident can change from the keypad; reset at session end (A5).
struct SpeechSettings {
    static constexpr int kDefaultRate = 175, kMinRate = 100, kMaxRate = 350, kRateStep = 25;
    static constexpr int kDefaultVolume = 80, kMinVolume = 10, kMaxVolume = 100, kVolumeStep = 10;
    int rateWpm = kDefaultRate;
    int volume = kDefaultVolume;
};

class SpeechEngine final : private PlaybackListener {
public:
    struct Options {
        bool synthesize = true;  // false: log only (fast headless runs with no sound at all)
    };

    SpeechEngine(AudioSink& sink, SpeechLog* log, Options options);
    SpeechEngine(AudioSink& sink, SpeechLog* log = nullptr) : SpeechEngine(sink, log, Options{}) {}
    ~SpeechEngine() override;
    SpeechEngine(const SpeechEngine&) = delete;
    SpeechEngine& operator=(const SpeechEngine&) = delete;

    // Queues `u`; with `interruptFirst`, whatever is being said or queued is dropped first.
    // `remember`: the repeat key says it again (settings feedback is not remembered).
    UtteranceId say(Utterance u, bool interruptFirst, bool remember = true);
    void interrupt();
    bool repeat();  // says the last remembered utterance again; false if there is none

    void setLanguage(std::string lang);  // the display language (A6)
    std::string language() const;

    SpeechSettings settings() const;
    int adjustRate(int steps);    // returns the new rate
    int adjustVolume(int steps);  // returns the new volume (percent)
    void resetSettings();         // session end (A5)
    // Session end: stop talking, forget the last utterance (it may hold personal data).
    void endSession();

    // Waits until nothing is queued, synthesising or playing. False on timeout.
    bool waitIdle(std::chrono::milliseconds timeout);

    // Called from the audio thread when an utterance's first sample is played (benchmarks).
    void setFirstSampleHook(std::function<void(UtteranceId, SteadyTime)> hook);

    std::string lastError() const;

private:
    struct Item {
        UtteranceId id;
        Utterance u;
    };
    void speakNext();  // worker: one queued utterance, if any is left
    void interruptLocked(std::unique_lock<std::mutex>& lock);
    void onFirstSample(UtteranceId id, SteadyTime when) override;
    void onFinished(UtteranceId id) override;

    AudioSink& sink_;
    SpeechLog* log_;
    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable idle_;
    std::deque<Item> queue_;
    UtteranceId lastIssued_ = 0;
    std::atomic<UtteranceId> cutUpTo_{0};  // utterances up to this one were interrupted
    bool busy_ = false;
    Utterance last_;
    bool hasLast_ = false;
    std::string language_ = "fr";
    SpeechSettings settings_;
    std::string lastError_;
    std::function<void(UtteranceId, SteadyTime)> firstSampleHook_;
    Worker worker_{"speech"};  // last: started once everything above exists
};

}  // namespace guichet::speech
