#include "kiosk/service/service_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "drivers/common/log.hpp"

namespace guichet::service {

namespace {

// Under cage (guichet.service runs `cage -- guichet`), systemd's WATCHDOG_PID names cage,
// our parent: libsystemd then rightly says "not for you". The compositor only launches us,
// so the watchdog is ours to feed (NotifyAccess=all lets systemd accept it from the child).
std::uint64_t watchdogForwardedByParent() {
    const char* pid = std::getenv("WATCHDOG_PID");
    const char* usec = std::getenv("WATCHDOG_USEC");
    if (!pid || !usec) return 0;
    try {
        if (std::stol(pid) != static_cast<long>(getppid())) return 0;
        return std::stoull(usec);
    } catch (const std::exception&) {
        return 0;
    }
}

}  // namespace

ServiceNotifier::ServiceNotifier() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    underSystemd_ = socket && *socket;
    std::uint64_t usec = 0;
    // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID (if any) is this process.
    if (!underSystemd_) return;
    if (sd_watchdog_enabled(0, &usec) <= 0) usec = watchdogForwardedByParent();
    if (usec > 0) watchdog_ = std::chrono::microseconds(usec);
}

void ServiceNotifier::ready() {
    if (readySent_ || !underSystemd_) return;
    readySent_ = true;
    int rc = sd_notify(0, "READY=1\nSTATUS=Borne prête");
    if (rc < 0) log::warning("service", "sd_notify READY=1 failed (" + std::to_string(rc) + ")");
    lastPing_ = Clock::now();  // READY counts as the first sign of life
}

void ServiceNotifier::loopAlive(Clock::time_point now) {
    if (watchdog_.count() == 0) return;
    if (lastPing_ && now - *lastPing_ < watchdog_ / 2) return;
    lastPing_ = now;
    if (sd_notify(0, "WATCHDOG=1") > 0) ++pings_;
}

std::optional<ServiceNotifier::Clock::time_point> ServiceNotifier::nextPingDue() const {
    if (watchdog_.count() == 0) return std::nullopt;
    if (!lastPing_) return Clock::now();
    return *lastPing_ + std::chrono::duration_cast<Clock::duration>(watchdog_ / 2);
}

void ServiceNotifier::status(const std::string& text) {
    if (underSystemd_) sd_notify(0, ("STATUS=" + text).c_str());
}

}  // namespace guichet::service
