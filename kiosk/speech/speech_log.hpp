// What speech said: every utterance with its time, text, language and whether it was cut
// off. Scenarios assert on it (expect-spoken); `--speech-log FILE` writes it out. The file
// gets the redacted text (personal values replaced), the memory copy is wiped at session end.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/speech/audio_sink.hpp"

namespace guichet::speech {

struct SpokenEntry {
    UtteranceId id = 0;
    double atSeconds = 0;     // since the log started
    std::string text;         // what was said (may hold personal values: memory only)
    std::string logText;      // what the file gets (personal values redacted)
    std::string language;
    bool interrupted = false;
    bool finished = false;
    bool failed = false;      // synthesis or playback never started: nothing was heard
    // Heard, or being heard: neither cut off nor failed.
    bool heard() const { return !interrupted && !failed; }
};

class SpeechLog {
public:
    SpeechLog();
    ~SpeechLog();
    SpeechLog(const SpeechLog&) = delete;
    SpeechLog& operator=(const SpeechLog&) = delete;

    // Appends every settled utterance to `path` as "seconds<TAB>lang<TAB>done|interrupted|failed<TAB>text".
    Result<void> openFile(const std::string& path);

    void requested(UtteranceId id, std::string text, std::string logText, std::string language);
    void finished(UtteranceId id);
    void interrupted(UtteranceId id);          // ignored if it already finished
    void interruptAllUpTo(UtteranceId id);     // every unsettled entry up to id
    void failed(UtteranceId id);               // speech could not start (no voice, no audio)

    std::vector<SpokenEntry> entries() const;  // since the last wipe()
    std::size_t size() const;                  // every entry ever (a mark for spokenSince)
    // True if an entry at index >= `since` contains `text` (case-sensitive, UTF-8 bytes) and
    // did not fail to start.
    bool spokenSince(std::size_t since, std::string_view text) const;
    // Like spokenSince, counting only utterances a resident heard: an utterance cut off
    // (a key, a focus change) or one that failed to start does not count. Audits use it.
    bool heardSince(std::size_t since, std::string_view text) const;
    // The redacted texts of the utterances since `since` that failed to start.
    std::vector<std::string> failedSince(std::size_t since) const;
    // The texts since `since`, joined with " | " (for a failing step's message).
    std::string textsSince(std::size_t since) const;

    // Session end: wipes every text in memory and drops the entries (the file already holds
    // only redacted texts). Marks taken before stay valid.
    void wipe();

private:
    void settle(SpokenEntry& e);  // writes it to the file; mutex held
    mutable std::mutex mutex_;
    std::vector<SpokenEntry> entries_;
    std::size_t base_ = 0;  // entries dropped by wipe(): indices stay absolute for scenarios
    std::FILE* file_ = nullptr;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace guichet::speech
