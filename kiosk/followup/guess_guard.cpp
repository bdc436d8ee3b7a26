#include "kiosk/followup/guess_guard.hpp"

namespace guichet::followup {

std::int64_t GuessGuard::waitMs(std::int64_t nowMs) const {
    return pausedUntilMs_ > nowMs ? pausedUntilMs_ - nowMs : 0;
}

void GuessGuard::recordUnknown(std::int64_t nowMs) {
    ++unknown_;
    // From the fifth unknown on, every further miss costs another pause: the rate stays
    // bounded at one guess per 30 s however long the session lasts.
    if (unknown_ >= kFreeGuesses) pausedUntilMs_ = nowMs + kPauseMs;
}

}  // namespace guichet::followup
