// The end of a procedure that read a card: the resident must take it back before the
// confirmation page. While the card is still in the slot the wizard shows "Reprenez votre
// carte" and plays a chime at once and then every `reminderEvery`; done when the slot is
// empty, or when the reader itself is gone (nothing left to take from it).
#pragma once

#include <chrono>
#include <optional>

#include "kiosk/devices/device_state.hpp"

namespace guichet::card {

class TakeCardBack {
public:
    using Clock = std::chrono::steady_clock;
    struct Step {
        bool done = false;    // go on to the confirmation page
        bool chime = false;   // play the reminder sound now
    };

    explicit TakeCardBack(std::chrono::milliseconds reminderEvery = std::chrono::seconds(5)) : every_(reminderEvery) {}
    // Call on every frame or device event with the reader's status.
    Step update(DeviceStatus status, Clock::time_point now);
    int chimes() const { return chimes_; }

private:
    std::chrono::milliseconds every_;
    std::optional<Clock::time_point> nextChime_;
    int chimes_ = 0;
};

}  // namespace guichet::card
