#include "drivers/common/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace guichet::log {
namespace {
std::atomic<int> gMaxLevel{static_cast<int>(Level::Info)};
std::mutex gMutex;
}  // namespace

void setLevel(Level maxLevel) { gMaxLevel = static_cast<int>(maxLevel); }

bool enabled(Level level) { return static_cast<int>(level) <= gMaxLevel.load(std::memory_order_relaxed); }

void write(Level level, std::string_view area, std::string_view message) {
    if (static_cast<int>(level) > gMaxLevel.load()) return;
    std::lock_guard lock(gMutex);  // one line at a time, whatever thread writes
    std::fprintf(stderr, "<%d>%.*s: %.*s\n", static_cast<int>(level), static_cast<int>(area.size()),
                 area.data(), static_cast<int>(message.size()), message.data());
}

}  // namespace guichet::log
