#include "kiosk/service/loop_pulse.hpp"

#include <algorithm>

namespace guichet::service {

void LoopPulse::beat(Clock::time_point now) {
    notifier_.loopAlive(now);
    // Index loop: a duty may add or cancel duties.
    for (std::size_t i = 0; i < duties_.size(); ++i) {
        if (duties_[i].due > now) continue;
        duties_[i].due = now + duties_[i].period;
        auto fn = duties_[i].fn;
        fn();
    }
}

int LoopPulse::sleepBoundMs(int wantedMs, Clock::time_point now) const {
    auto bound = [&](Clock::time_point t) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - now).count() + 1;
        wantedMs = static_cast<int>(std::clamp<long long>(ms, 0, wantedMs));
    };
    if (auto p = notifier_.nextPingDue()) bound(*p);
    for (const auto& d : duties_) bound(d.due);
    return wantedMs;
}

int LoopPulse::every(std::chrono::milliseconds period, std::function<void()> fn) {
    duties_.push_back({nextId_, period, std::move(fn), Clock::time_point{}});
    return nextId_++;
}

void LoopPulse::cancel(int id) {
    std::erase_if(duties_, [id](const Duty& d) { return d.id == id; });
}

ServiceNotifier& processNotifier() {
    static ServiceNotifier n;
    return n;
}

LoopPulse& loopPulse() {
    static LoopPulse p(processNotifier());
    return p;
}

}  // namespace guichet::service
