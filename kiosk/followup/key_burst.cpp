#include "kiosk/followup/key_burst.hpp"

#include <cctype>

#include "drivers/common/bytes.hpp"

namespace guichet::followup {

void KeyBurst::feed(char c, std::int64_t nowMs) {
    bool symbol = std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    if (!chars_.empty() && nowMs - lastMs_ > kMaxGapMs) clear();  // a pause: a new burst may start
    if (!symbol) {
        broken_ = true;
    } else if (chars_.size() < 64) {
        chars_.push_back(c);
    } else {
        broken_ = true;  // nothing a reader sends for a reference is this long
    }
    lastMs_ = nowMs;
}

std::optional<std::string> KeyBurst::enter(std::int64_t nowMs) {
    std::optional<std::string> out;
    if (!broken_ && chars_.size() >= kMinLength && nowMs - lastMs_ <= kMaxGapMs) out = chars_;
    clear();
    return out;
}

void KeyBurst::clear() {
    secureWipe(chars_);
    chars_.clear();
    broken_ = false;
}

}  // namespace guichet::followup
