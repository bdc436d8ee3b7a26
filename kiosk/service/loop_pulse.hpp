// The UI loop's pulse: what must happen while the loop turns, even when nothing is drawn —
// the systemd watchdog ping and periodic duties such as the heartbeat file. The host calls
// beat() once per loop turn and bounds its sleep with sleepBoundMs(); a hung loop stops
// every pulse at once, which is exactly what the watchdog and the heartbeat must reveal.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "kiosk/service/service_notifier.hpp"

namespace guichet::service {

class LoopPulse {
public:
    using Clock = std::chrono::steady_clock;
    explicit LoopPulse(ServiceNotifier& notifier) : notifier_(notifier) {}

    void beat(Clock::time_point now = Clock::now());
    // The loop's wanted sleep, shortened so that the next ping or duty is on time.
    int sleepBoundMs(int wantedMs, Clock::time_point now = Clock::now()) const;

    // Runs fn on the loop's thread every `period` (the first time at the next beat).
    int every(std::chrono::milliseconds period, std::function<void()> fn);
    void cancel(int id);

    ServiceNotifier& notifier() { return notifier_; }

private:
    struct Duty {
        int id;
        std::chrono::milliseconds period;
        std::function<void()> fn;
        Clock::time_point due;
    };
    ServiceNotifier& notifier_;
    std::vector<Duty> duties_;
    int nextId_ = 1;
};

// The process's notifier and pulse (the terminal has one UI loop).
ServiceNotifier& processNotifier();
LoopPulse& loopPulse();

}  // namespace guichet::service
