// The discreet way into the operator console, that a resident will not stumble on and that
// works on a touch screen and on a keypad alike: five taps in the top-left corner within
// three seconds, or the keypad sequence 0 0 0 0 Enter (any sequence given; key names as
// ui/core/input's keyName). Not "*": on the keypad it is the speech key (A2).
#pragma once

#include <chrono>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace guichet::console {

class OpeningGesture {
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    static constexpr int kTaps = 5;
    static constexpr std::chrono::seconds kWindow{3};

    // cornerFraction: the corner square's side as a fraction of the short screen side.
    explicit OpeningGesture(std::vector<std::string> keySequence = {"0", "0", "0", "0", "enter"},
                            float cornerFraction = 0.08f);

    // A tap at (x, y) on a width x height screen; true when it completes the gesture.
    bool tap(float x, float y, float width, float height, TimePoint now);
    // A key by name; true when it completes the sequence (within the same window).
    bool key(const std::string& name, TimePoint now);
    void reset();

private:
    std::vector<std::string> sequence_;
    float corner_;
    std::deque<TimePoint> taps_;
    // The last keys (as many as the sequence): the gesture is "these keys, in this order,
    // within the window", whatever came before (an extra 0 to wake the attract screen).
    std::deque<std::pair<std::string, TimePoint>> keys_;
};

}  // namespace guichet::console
