// One resident's visit, from the first touch to the return of the attract screen: the idle
// timer and its warning (A18), the accessibility settings and language chosen, and every
// value the resident entered — all wiped (overwritten, not just dropped) when it ends.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/session/accessibility_settings.hpp"

namespace guichet {

struct SessionTimeouts {
    std::chrono::milliseconds idle{90'000};     // no input for this long -> warning
    std::chrono::milliseconds warning{30'000};  // the countdown shown before the end
    double accessibilityFactor = 2.0;           // both are multiplied by this in a11y modes
};

class Session {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    using TimePoint = std::chrono::steady_clock::time_point;
    enum class Phase { Attract, Active, Warning };
    enum class EndReason { Timeout, Resident, Operator };

    explicit Session(SessionTimeouts timeouts = {}, std::string defaultLanguage = "fr",
                     Clock clock = &std::chrono::steady_clock::now);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Attract -> Active (the first touch). No-op when already active.
    void start();
    // Any resident input while Active restarts the idle timer. During the warning only
    // extend() counts: a stray touch must not hide the question silently.
    void touch();
    // The one action of the warning (A18): back to Active with a full idle period.
    // Repeatable without limit.
    void extend();
    // Moves Active -> Warning -> end when their deadlines pass. Call once per frame and
    // when the loop wakes up at nextDeadline().
    void tick();
    // Behaves as if `ms` more had passed since the last input / the warning began (the
    // demo tour and scenario `advance` step use it instead of sleeping for minutes).
    void advance(std::chrono::milliseconds ms);
    // Wipes every resident value, resets settings and language, back to Attract.
    void end(EndReason reason);

    Phase phase() const { return phase_; }
    bool active() const { return phase_ != Phase::Attract; }
    // Seconds left on the warning countdown (rounded up), 0 outside the warning.
    int warningSecondsLeft() const;
    // When tick() next has something to do (the UI loop sleeps until then); nullopt in
    // Attract. During the warning: the next whole-second change of the countdown.
    std::optional<TimePoint> nextDeadline() const;
    std::chrono::milliseconds effectiveIdle() const;
    std::chrono::milliseconds effectiveWarning() const;
    unsigned sessionsEnded() const { return ended_; }
    std::optional<EndReason> lastEndReason() const { return lastEnd_; }

    AccessibilitySettings& settings() { return settings_; }
    const AccessibilitySettings& settings() const { return settings_; }
    const std::string& language() const { return language_; }
    void setLanguage(std::string code) { language_ = std::move(code); }
    const std::string& defaultLanguage() const { return defaultLanguage_; }
    void setTimeouts(SessionTimeouts t) { timeouts_ = t; }

    // A buffer for a value the resident types (a text field's contents). The session owns
    // it so that end() can overwrite it; the reference stays valid until end().
    std::string& field(std::string_view key);
    const std::string* findField(std::string_view key) const;
    std::size_t fieldCount() const { return fields_.size(); }

    // Other areas holding resident data (the wizard's answers, a scanned page, speech
    // settings) register a hook that wipes it; hooks run on every end(), in order.
    int onEnd(std::function<void(EndReason)> hook);
    void removeOnEnd(int id);

private:
    SessionTimeouts timeouts_;
    std::string defaultLanguage_;
    Clock clock_;
    Phase phase_ = Phase::Attract;
    TimePoint lastInput_{};
    TimePoint warningStart_{};
    AccessibilitySettings settings_;
    std::string language_;
    // unique_ptr: a buffer's address never moves when others are added.
    std::map<std::string, std::unique_ptr<std::string>, std::less<>> fields_;
    std::vector<std::pair<int, std::function<void(EndReason)>>> hooks_;
    int nextHookId_ = 1;
    unsigned ended_ = 0;
    std::optional<EndReason> lastEnd_;
};

const char* sessionPhaseName(Session::Phase phase);

}  // namespace guichet
