// The espeak-ng synthesiser, in synchronous mode: text in, 16-bit mono samples out through
// a callback, chunk by chunk, so playback can start before the sentence is finished.
// espeak-ng is one global state per process: every call takes a process-wide lock, and the
// speech engine drives it from its single worker thread (PITFALLS.md).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

namespace guichet::speech {

struct VoiceSettings {
    std::string language = "fr";  // display language: fr en es de pt it
    int rateWpm = 175;            // espeak words per minute, 80..450
};

class Synthesizer {
public:
    // Returns false to stop synthesis (interrupt); called on the synthesising thread.
    using ChunkFn = std::function<bool(std::span<const std::int16_t> samples)>;

    // The process's synthesiser; initialises espeak-ng on first use (Error if its data is missing).
    static Result<Synthesizer*> instance();

    int sampleRate() const { return sampleRate_; }

    // Synthesises `text` (UTF-8, plain text) with `voice`; chunks arrive as they are made.
    // Returns Cancelled if `onChunk` asked to stop.
    Result<void> synthesize(std::string_view text, const VoiceSettings& voice, const ChunkFn& onChunk);

    // Convenience for tools and tests: the whole utterance in one buffer.
    Result<std::vector<std::int16_t>> synthesizeAll(std::string_view text, const VoiceSettings& voice);

    // The espeak-ng voice name currently selected (e.g. "French (France)"), for checks.
    std::string currentVoiceName() const;

private:
    Synthesizer() = default;
    int sampleRate_ = 0;
    std::string selectedLanguage_;
};

}  // namespace guichet::speech
