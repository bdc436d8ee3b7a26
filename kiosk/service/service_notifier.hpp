// systemd's service notifications (sd_notify from libsystemd): READY=1 once the first frame
// is on screen, WATCHDOG=1 while the UI loop turns. Without NOTIFY_SOCKET (a developer's
// shell, the tests, the demo) every call does nothing, so the terminal behaves as before.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace guichet::service {

class ServiceNotifier {
public:
    using Clock = std::chrono::steady_clock;
    // Reads the environment systemd gives a Type=notify service (NOTIFY_SOCKET,
    // WATCHDOG_USEC, WATCHDOG_PID) through libsystemd.
    ServiceNotifier();

    bool underSystemd() const { return underSystemd_; }
    // systemd's WatchdogSec; zero when the watchdog is off.
    std::chrono::microseconds watchdogInterval() const { return watchdog_; }

    // READY=1 (and a STATUS line); only the first call sends anything.
    void ready();
    // The UI loop made progress: sends WATCHDOG=1 when half the interval has passed since
    // the last one (systemd's advice), else nothing. A loop that stops calling this is
    // killed by systemd after WatchdogSec.
    void loopAlive(Clock::time_point now = Clock::now());
    // When the next WATCHDOG=1 is due; nullopt without a watchdog. The loop must wake
    // by then even with nothing to draw.
    std::optional<Clock::time_point> nextPingDue() const;
    void status(const std::string& text);  // STATUS=… (systemctl status shows it)

    bool readySent() const { return readySent_; }
    unsigned pingsSent() const { return pings_; }

private:
    bool underSystemd_ = false;
    std::chrono::microseconds watchdog_{0};
    bool readySent_ = false;
    unsigned pings_ = 0;
    std::optional<Clock::time_point> lastPing_;
};

}  // namespace guichet::service
