// Where synthesised speech goes: a queue of samples tagged with the utterance they belong
// to, pulled by a player (the SDL audio callback, or an instant "player" in tests and tools).
// Flushing drops what is not yet played, which is how a key press cuts speech off (A1).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

namespace guichet::speech {

using UtteranceId = std::uint64_t;
using SteadyTime = std::chrono::steady_clock::time_point;

// Told from the player's thread when an utterance's first sample reaches the speaker and
// when its last one has. Must only record, never block.
struct PlaybackListener {
    virtual ~PlaybackListener() = default;
    virtual void onFirstSample(UtteranceId id, SteadyTime when) = 0;
    virtual void onFinished(UtteranceId id) = 0;
};

class AudioSink {
public:
    virtual ~AudioSink() = default;

    void setListener(PlaybackListener* listener) { listener_ = listener; }
    void setVolume(int percent);  // 0..100, applied to samples as they are played
    int volume() const { return volume_.load(); }

    void push(UtteranceId id, std::span<const std::int16_t> samples);
    void endOfUtterance(UtteranceId id);  // the last chunk was pushed
    void flush();                         // drop everything not yet played
    // Drops everything queued and refuses later pushes for utterances up to `id`: a chunk a
    // worker was about to push when speech was interrupted is never heard.
    void flushUpTo(UtteranceId id);
    bool idle() const;                    // nothing left to play

    // Fills `out` with what is next (silence when nothing is queued); the player calls this.
    void pull(std::int16_t* out, std::size_t count);
    // Same without the silence padding: returns how many samples were written.
    std::size_t pullQueued(std::int16_t* out, std::size_t count);

protected:
    virtual void onQueued() {}  // a subclass that plays synchronously does it here

private:
    struct Segment {
        UtteranceId id;
        std::vector<std::int16_t> samples;
        std::size_t played = 0;
        bool end = false;      // marks the end of utterance `id`
        bool first = false;    // the first chunk of utterance `id`
    };
    mutable std::mutex mutex_;
    std::deque<Segment> queue_;
    UtteranceId lastPushed_ = 0;
    UtteranceId droppedUpTo_ = 0;
    std::atomic<int> volume_{100};
    PlaybackListener* listener_ = nullptr;
};

// Plays instantly into memory: every pushed sample is "heard" at once. For tools (WAV
// export), headless runs without a sound card, and tests that check the samples.
class MemoryAudioSink final : public AudioSink {
public:
    // keep = false: "plays" and forgets (headless terminal runs: the log is what matters,
    // and hours of samples must not pile up in memory).
    explicit MemoryAudioSink(bool keep = true) : keep_(keep) {}
    const std::vector<std::int16_t>& played() const { return played_; }
    std::size_t playedCount() const { return count_; }
    void clear() { played_.clear(); }

protected:
    void onQueued() override;

private:
    bool keep_;
    std::vector<std::int16_t> played_;
    std::size_t count_ = 0;
    std::mutex playMutex_;
};

}  // namespace guichet::speech
