// sd_notify through libsystemd against a real AF_UNIX datagram socket standing in for
// systemd: READY=1 once, WATCHDOG=1 while the loop beats, none once the loop hangs, and
// nothing at all without NOTIFY_SOCKET.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/service/loop_pulse.hpp"
#include "kiosk/service/service_notifier.hpp"

using namespace guichet::service;
using namespace std::chrono_literals;

namespace {

// A bound datagram socket at a temporary path, NOTIFY_SOCKET pointing at it.
struct FakeSystemd {
    int fd = -1;
    std::string path;
    explicit FakeSystemd(long watchdogUsec, long watchdogPid = getpid()) {
        path = "/tmp/guichet-notify-" + std::to_string(getpid()) + "-" + std::to_string(++counter());
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
        ::unlink(path.c_str());
        REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        setenv("NOTIFY_SOCKET", path.c_str(), 1);
        if (watchdogUsec > 0) {
            setenv("WATCHDOG_USEC", std::to_string(watchdogUsec).c_str(), 1);
            setenv("WATCHDOG_PID", std::to_string(watchdogPid).c_str(), 1);
        }
    }
    ~FakeSystemd() {
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        ::close(fd);
        ::unlink(path.c_str());
    }
    std::vector<std::string> drain() {
        std::vector<std::string> out;
        char buf[512];
        for (;;) {
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            out.emplace_back(buf, static_cast<std::size_t>(n));
        }
        return out;
    }
    static int& counter() {
        static int c = 0;
        return c;
    }
};

int countOf(const std::vector<std::string>& msgs, const std::string& what) {
    int n = 0;
    for (const auto& m : msgs)
        if (m.find(what) != std::string::npos) ++n;
    return n;
}

}  // namespace

TEST_CASE("appliance.notify_ready_once", "[appliance]") {
    FakeSystemd systemd(0);
    ServiceNotifier n;
    REQUIRE(n.underSystemd());
    CHECK(n.watchdogInterval().count() == 0);
    n.ready();
    n.ready();  // the second first frame does not exist
    auto msgs = systemd.drain();
    REQUIRE(msgs.size() == 1);
    CHECK(msgs[0].find("READY=1") != std::string::npos);
    n.loopAlive();  // no watchdog configured: silent
    CHECK(systemd.drain().empty());
}

TEST_CASE("appliance.watchdog_pings_while_loop_beats_and_stop_when_it_hangs", "[appliance]") {
    FakeSystemd systemd(200'000);  // WatchdogSec=0.2 s: a ping every 0.1 s
    ServiceNotifier n;
    REQUIRE(n.watchdogInterval() == 200'000us);
    LoopPulse pulse(n);
    n.ready();
    std::atomic<bool> hung{false}, quit{false};
    std::atomic<int> longestSleep{0};
    // The "UI loop": beats, sleeps as long as the pulse allows (like SdlHost::run) — until
    // a deliberate hang, after which it never beats again.
    std::thread loop([&] {
        while (!quit) {
            if (!hung) pulse.beat();
            int ms = pulse.sleepBoundMs(1000);
            if (!hung && ms > longestSleep) longestSleep = ms;  // Catch2 asserts on the main thread only
            std::this_thread::sleep_for(std::chrono::milliseconds(std::max(ms, 5)));
        }
    });
    std::this_thread::sleep_for(650ms);
    auto alive = systemd.drain();
    CHECK(countOf(alive, "READY=1") == 1);
    int pings = countOf(alive, "WATCHDOG=1");
    CHECK(pings >= 4);   // ~6 expected in 0.65 s at one per 0.1 s
    CHECK(pings <= 8);   // throttled: not one per loop turn
    CHECK(longestSleep <= 101);  // the idle loop wakes in time for each ping
    hung = true;
    std::this_thread::sleep_for(150ms);
    systemd.drain();     // a ping already on its way when the hang began
    std::this_thread::sleep_for(500ms);
    CHECK(countOf(systemd.drain(), "WATCHDOG=1") == 0);  // systemd would now kill us
    quit = true;
    loop.join();
}

TEST_CASE("appliance.watchdog_forwarded_by_cage", "[appliance]") {
    // systemd names cage (our parent) in WATCHDOG_PID; the terminal feeds it anyway.
    FakeSystemd systemd(300'000, getppid());
    ServiceNotifier n;
    CHECK(n.watchdogInterval() == 300'000us);
    n.loopAlive();
    CHECK(countOf(systemd.drain(), "WATCHDOG=1") == 1);
}

TEST_CASE("appliance.watchdog_of_another_process_is_ignored", "[appliance]") {
    FakeSystemd systemd(300'000, 1);  // neither us nor our parent
    ServiceNotifier n;
    CHECK(n.watchdogInterval().count() == 0);
    n.loopAlive();
    CHECK(systemd.drain().empty());
}

TEST_CASE("appliance.without_notify_socket_nothing_changes", "[appliance]") {
    unsetenv("NOTIFY_SOCKET");
    setenv("WATCHDOG_USEC", "100000", 1);  // stray variables alone do not turn anything on
    setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
    ServiceNotifier n;
    CHECK_FALSE(n.underSystemd());
    CHECK(n.watchdogInterval().count() == 0);
    CHECK_FALSE(n.nextPingDue().has_value());
    n.ready();
    CHECK_FALSE(n.readySent());
    LoopPulse pulse(n);
    CHECK(pulse.sleepBoundMs(60'000) == 60'000);  // the idle loop still sleeps a minute
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
}

TEST_CASE("appliance.pulse_runs_duties_on_time", "[appliance]") {
    unsetenv("NOTIFY_SOCKET");
    ServiceNotifier n;
    LoopPulse pulse(n);
    int runs = 0;
    auto t0 = LoopPulse::Clock::now();
    int id = pulse.every(15s, [&] { ++runs; });
    pulse.beat(t0);
    CHECK(runs == 1);  // at once
    pulse.beat(t0 + 10s);
    CHECK(runs == 1);
    CHECK(pulse.sleepBoundMs(60'000, t0 + 10s) <= 5001);  // wakes for the next one
    pulse.beat(t0 + 15s);
    CHECK(runs == 2);
    pulse.cancel(id);
    pulse.beat(t0 + 60s);
    CHECK(runs == 2);
}
