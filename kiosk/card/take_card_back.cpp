#include "kiosk/card/take_card_back.hpp"

namespace guichet::card {

TakeCardBack::Step TakeCardBack::update(DeviceStatus status, Clock::time_point now) {
    // Busy counts as "still inside": the card is being powered off.
    const bool inside = status == DeviceStatus::CardPresent || status == DeviceStatus::Busy ||
                        status == DeviceStatus::Error;
    if (!inside) return {true, false};
    Step s;
    if (!nextChime_ || now >= *nextChime_) {
        s.chime = true;
        ++chimes_;
        nextChime_ = now + every_;
    }
    return s;
}

}  // namespace guichet::card
