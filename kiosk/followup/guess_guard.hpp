// Stops someone at the terminal from trying references one after another: after five
// unknown references in one session the follow-up search waits 30 s before the next try.
#pragma once

#include <cstdint>

namespace guichet::followup {

class GuessGuard {
public:
    static constexpr int kFreeGuesses = 5;
    static constexpr std::int64_t kPauseMs = 30'000;

    // Milliseconds the resident must still wait before a search (0: go ahead).
    std::int64_t waitMs(std::int64_t nowMs) const;
    void recordUnknown(std::int64_t nowMs);
    void reset() { unknown_ = 0; pausedUntilMs_ = 0; }  // a new session
    int unknownCount() const { return unknown_; }

private:
    int unknown_ = 0;
    std::int64_t pausedUntilMs_ = 0;
};

}  // namespace guichet::followup
