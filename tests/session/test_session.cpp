// Session lifecycle: idle warning, repeatable extension, longer timeouts in accessibility
// modes, and the end that wipes and resets everything.
#include <catch2/catch.hpp>

#include "kiosk/session/session.hpp"

using namespace guichet;
using namespace std::chrono;

namespace {
struct FakeClock {
    steady_clock::time_point now{seconds(1000)};
    Session::Clock fn() { return [this] { return now; }; }
};
SessionTimeouts timeouts() { return {seconds(60), seconds(30), 2.0}; }
}  // namespace

TEST_CASE("session.idle warning comes after the idle time and ends the session after the countdown", "[session]") {
    FakeClock clock;
    Session s(timeouts(), "fr", clock.fn());
    CHECK(s.phase() == Session::Phase::Attract);
    CHECK_FALSE(s.nextDeadline());
    s.start();
    CHECK(s.phase() == Session::Phase::Active);
    clock.now += seconds(59);
    s.tick();
    CHECK(s.phase() == Session::Phase::Active);
    clock.now += seconds(1);
    s.tick();
    REQUIRE(s.phase() == Session::Phase::Warning);
    CHECK(s.warningSecondsLeft() == 30);
    clock.now += milliseconds(10'500);
    s.tick();
    CHECK(s.warningSecondsLeft() == 20);  // rounded up: never shows 0 while time is left
    // The loop wakes when the shown number changes, not before.
    REQUIRE(s.nextDeadline());
    CHECK(*s.nextDeadline() - clock.now == milliseconds(500));
    clock.now += seconds(20);
    s.tick();
    CHECK(s.phase() == Session::Phase::Attract);
    CHECK(s.lastEndReason() == Session::EndReason::Timeout);
    CHECK(s.sessionsEnded() == 1);
}

TEST_CASE("session.extension is one action, repeatable, and a stray touch does not dismiss the warning", "[session]") {
    FakeClock clock;
    Session s(timeouts(), "fr", clock.fn());
    s.start();
    for (int round = 0; round < 5; ++round) {
        clock.now += seconds(60);
        s.tick();
        REQUIRE(s.phase() == Session::Phase::Warning);
        clock.now += seconds(25);
        s.touch();  // not the extend button
        s.tick();
        REQUIRE(s.phase() == Session::Phase::Warning);
        s.extend();
        CHECK(s.phase() == Session::Phase::Active);
    }
    CHECK(s.sessionsEnded() == 0);
    // Input while active restarts the idle period.
    clock.now += seconds(50);
    s.touch();
    clock.now += seconds(50);
    s.tick();
    CHECK(s.phase() == Session::Phase::Active);
}

TEST_CASE("session.timeouts are longer in accessibility modes", "[session]") {
    FakeClock clock;
    Session s(timeouts(), "fr", clock.fn());
    s.start();
    s.settings().textSize = TextSize::Large200;
    CHECK(s.effectiveIdle() == seconds(120));
    CHECK(s.effectiveWarning() == seconds(60));
    clock.now += seconds(61);
    s.tick();
    CHECK(s.phase() == Session::Phase::Active);
    clock.now += seconds(60);
    s.tick();
    CHECK(s.phase() == Session::Phase::Warning);
    CHECK(s.warningSecondsLeft() == 60);
}

TEST_CASE("session.end resets every setting and the language and runs the hooks", "[session]") {
    FakeClock clock;
    Session s(timeouts(), "fr", clock.fn());
    s.start();
    s.settings().highContrast = true;
    s.settings().reach = true;
    s.settings().font = FontChoice::Dyslexia;
    s.settings().speech = true;
    s.setLanguage("de");
    std::vector<Session::EndReason> seen;
    int id = s.onEnd([&](Session::EndReason r) { seen.push_back(r); });
    s.field("nom") = "Dupont";
    s.end(Session::EndReason::Resident);
    CHECK(s.settings() == AccessibilitySettings{});
    CHECK(s.language() == "fr");
    CHECK(s.fieldCount() == 0);
    CHECK(s.findField("nom") == nullptr);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0] == Session::EndReason::Resident);
    s.removeOnEnd(id);
    s.start();
    s.end(Session::EndReason::Operator);
    CHECK(seen.size() == 1);
}

TEST_CASE("session.field buffers keep their address until the end", "[session]") {
    Session s;
    std::string& a = s.field("a");
    a = "x";
    for (int i = 0; i < 100; ++i) s.field("k" + std::to_string(i)) = "v";
    CHECK(&s.field("a") == &a);
    CHECK(a == "x");
}
