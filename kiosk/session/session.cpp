#include "kiosk/session/session.hpp"

#include "drivers/common/bytes.hpp"

namespace guichet {

using namespace std::chrono;

const char* textSizeName(TextSize size) {
    switch (size) {
        case TextSize::Standard: return "standard";
        case TextSize::Large150: return "large-150";
        case TextSize::Large200: return "large-200";
    }
    return "?";
}

const char* fontChoiceName(FontChoice f) {
    switch (f) {
        case FontChoice::Sans: return "sans";
        case FontChoice::Dyslexia: return "dyslexia";
        case FontChoice::Literacy: return "literacy";
    }
    return "?";
}

const char* sessionPhaseName(Session::Phase phase) {
    switch (phase) {
        case Session::Phase::Attract: return "attract";
        case Session::Phase::Active: return "active";
        case Session::Phase::Warning: return "warning";
    }
    return "?";
}

Session::Session(SessionTimeouts timeouts, std::string defaultLanguage, Clock clock)
    : timeouts_(timeouts), defaultLanguage_(std::move(defaultLanguage)), clock_(std::move(clock)),
      language_(defaultLanguage_) {}

Session::~Session() {
    for (auto& [key, value] : fields_) secureWipe(*value);
}

void Session::start() {
    if (phase_ != Phase::Attract) return;
    phase_ = Phase::Active;
    lastInput_ = clock_();
}

void Session::touch() {
    if (phase_ == Phase::Active) lastInput_ = clock_();
}

void Session::extend() {
    if (phase_ == Phase::Attract) return;
    phase_ = Phase::Active;
    lastInput_ = clock_();
}

void Session::advance(milliseconds ms) {
    lastInput_ -= ms;
    warningStart_ -= ms;
}

milliseconds Session::effectiveIdle() const {
    double f = settings_.anyActive() ? timeouts_.accessibilityFactor : 1.0;
    return milliseconds(static_cast<long long>(static_cast<double>(timeouts_.idle.count()) * f));
}

milliseconds Session::effectiveWarning() const {
    double f = settings_.anyActive() ? timeouts_.accessibilityFactor : 1.0;
    return milliseconds(static_cast<long long>(static_cast<double>(timeouts_.warning.count()) * f));
}

void Session::tick() {
    auto now = clock_();
    if (phase_ == Phase::Active && now - lastInput_ >= effectiveIdle()) {
        phase_ = Phase::Warning;
        warningStart_ = now;
    }
    if (phase_ == Phase::Warning && now - warningStart_ >= effectiveWarning()) end(EndReason::Timeout);
}

int Session::warningSecondsLeft() const {
    if (phase_ != Phase::Warning) return 0;
    auto left = effectiveWarning() - duration_cast<milliseconds>(clock_() - warningStart_);
    if (left.count() <= 0) return 0;
    return static_cast<int>((left.count() + 999) / 1000);
}

std::optional<Session::TimePoint> Session::nextDeadline() const {
    switch (phase_) {
        case Phase::Attract: return std::nullopt;
        case Phase::Active: return lastInput_ + effectiveIdle();
        case Phase::Warning: {
            auto end = warningStart_ + effectiveWarning();
            auto now = clock_();
            auto left = duration_cast<milliseconds>(end - now);
            if (left.count() <= 0) return now;
            auto toNextSecond = left % 1000;  // wake when the shown number changes
            return now + (toNextSecond.count() ? toNextSecond : milliseconds(1000));
        }
    }
    return std::nullopt;
}

std::string& Session::field(std::string_view key) {
    auto it = fields_.find(key);
    if (it == fields_.end())
        it = fields_.emplace(std::string(key), std::make_unique<std::string>()).first;
    return *it->second;
}

const std::string* Session::findField(std::string_view key) const {
    auto it = fields_.find(key);
    return it == fields_.end() ? nullptr : it->second.get();
}

int Session::onEnd(std::function<void(EndReason)> hook) {
    int id = nextHookId_++;
    hooks_.emplace_back(id, std::move(hook));
    return id;
}

void Session::removeOnEnd(int id) {
    std::erase_if(hooks_, [id](const auto& h) { return h.first == id; });
}

void Session::end(EndReason reason) {
    // Hooks first: they may still read settings (speech announces, the wizard cancels).
    auto hooks = hooks_;  // a hook may unregister itself
    for (auto& [id, hook] : hooks) hook(reason);
    // The buffers are overwritten where they live, then released: nothing entered by this
    // resident survives in the heap for the next one.
    for (auto& [key, value] : fields_) secureWipe(*value);
    fields_.clear();
    settings_ = AccessibilitySettings{};
    language_ = defaultLanguage_;
    phase_ = Phase::Attract;
    ++ended_;
    lastEnd_ = reason;
}

}  // namespace guichet
