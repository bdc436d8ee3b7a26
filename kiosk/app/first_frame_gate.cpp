#include "kiosk/app/first_frame_gate.hpp"

#include <condition_variable>
#include <mutex>

namespace guichet::app {
namespace {
std::mutex gMutex;
std::condition_variable gShown;
bool gHeld = false;
}  // namespace

void holdUntilFirstFrame() {
    std::lock_guard lock(gMutex);
    gHeld = true;
}

void firstFrameShown() {
    {
        std::lock_guard lock(gMutex);
        gHeld = false;
    }
    gShown.notify_all();
}

bool firstFrameHeld() {
    std::lock_guard lock(gMutex);
    return gHeld;
}

void waitForFirstFrame(std::chrono::milliseconds limit, const std::atomic<bool>& cancelled) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::unique_lock lock(gMutex);
    // In slices: `cancelled` (a stop during start-up) is not signalled through this gate.
    while (gHeld && !cancelled && std::chrono::steady_clock::now() < deadline)
        gShown.wait_for(lock, std::chrono::milliseconds(50));
}

}  // namespace guichet::app
