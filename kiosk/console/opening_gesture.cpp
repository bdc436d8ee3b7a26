#include "kiosk/console/opening_gesture.hpp"

#include <algorithm>

namespace guichet::console {

OpeningGesture::OpeningGesture(std::vector<std::string> keySequence, float cornerFraction)
    : sequence_(std::move(keySequence)), corner_(cornerFraction) {}

bool OpeningGesture::tap(float x, float y, float width, float height, TimePoint now) {
    float side = std::min(width, height) * corner_;
    if (x > side || y > side) {  // any tap elsewhere starts over: residents tap everywhere
        taps_.clear();
        return false;
    }
    taps_.push_back(now);
    while (!taps_.empty() && now - taps_.front() > kWindow) taps_.pop_front();
    if (static_cast<int>(taps_.size()) < kTaps) return false;
    taps_.clear();
    return true;
}

bool OpeningGesture::key(const std::string& name, TimePoint now) {
    if (sequence_.empty()) return false;
    keys_.emplace_back(name, now);
    while (keys_.size() > sequence_.size()) keys_.pop_front();
    if (keys_.size() < sequence_.size() || now - keys_.front().second > kWindow) return false;
    for (std::size_t i = 0; i < sequence_.size(); ++i)
        if (keys_[i].first != sequence_[i]) return false;
    keys_.clear();
    return true;
}

void OpeningGesture::reset() {
    taps_.clear();
    keys_.clear();
}

}  // namespace guichet::console
