// Start-up work that must not compete with the first frame for the CPU (issue 17: the
// outbox's integrity check, ~0.5 s for 100 000 demands, on a 2-core terminal) waits here
// until the UI program has shown its first frame. Programs that show none (guichetctl,
// tests) never hold: their waits return at once.
#pragma once

#include <atomic>
#include <chrono>

namespace guichet::app {

void holdUntilFirstFrame();  // the UI program, before its services start
void firstFrameShown();      // the UI program, once the first frame is presented
bool firstFrameHeld();       // true between the two

// Returns once nothing holds (the first frame was shown, or nothing ever held), when
// `cancelled` becomes true, or after `limit`: a first frame that never comes must not keep
// the work from ever running.
void waitForFirstFrame(std::chrono::milliseconds limit, const std::atomic<bool>& cancelled);

}  // namespace guichet::app
