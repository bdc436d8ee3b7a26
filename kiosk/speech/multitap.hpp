// Phone-style multi-tap letters on a numeric keypad, for terminals without a full keyboard:
// "2" once = a, twice = b, three times = c, four times = 2; another key or a pause commits.
// Pure state machine over key presses and time, so that it is testable without a keypad.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace guichet::speech {

class MultiTap {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kCommitDelay{1200};

    // `commitDelay`: how long a pause makes the letter final ([speech] multitap_ms).
    explicit MultiTap(std::chrono::milliseconds commitDelay = kCommitDelay) : delay_(commitDelay) {}
    std::chrono::milliseconds commitDelay() const { return delay_; }

    struct Edit {
        bool replaceLast = false;  // the new character replaces the one just typed (cycling)
        std::string character;     // UTF-8, one character
    };

    // A digit key '0'..'9' pressed at `now`. Returns the edit to apply to the text field.
    std::optional<Edit> press(char digit, Clock::time_point now);
    // The pending letter is final (pause, another key, leaving the field).
    void commit() { lastKey_ = 0; }
    bool pending(Clock::time_point now) const { return lastKey_ != 0 && now - lastTime_ < delay_; }

    // Letters of a key in order, the digit last ("2" -> "abc2"), as UTF-8 characters.
    static const char* const* lettersOf(char digit, int* count);

private:
    std::chrono::milliseconds delay_;
    char lastKey_ = 0;
    int index_ = 0;
    Clock::time_point lastTime_{};
};

}  // namespace guichet::speech
