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
    if (matched_ > 0 && now - sequenceStart_ > kWindow) matched_ = 0;
    if (name != sequence_[matched_]) {
        matched_ = name == sequence_[0] ? 1 : 0;
        if (matched_) sequenceStart_ = now;
        return false;
    }
    if (matched_ == 0) sequenceStart_ = now;
    if (++matched_ < sequence_.size()) return false;
    matched_ = 0;
    return true;
}

void OpeningGesture::reset() {
    taps_.clear();
    matched_ = 0;
}

}  // namespace guichet::console
