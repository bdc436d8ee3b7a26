#include "kiosk/followup/key_burst.hpp"

#include <cctype>

#include "drivers/common/bytes.hpp"

namespace guichet::followup {

void KeyBurst::feed(char c, std::int64_t nowMs) {
    // A reader sends what the QR holds: the bare reference, or the town's follow-up URL
    // with the reference in it (receipts print the URL when the town has such a page).
    bool symbol = static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F;
    if (!chars_.empty() && nowMs - lastMs_ > kMaxGapMs) clear();  // a pause: a new burst may start
    if (!symbol) {
        broken_ = true;
    } else if (chars_.size() < 256) {
        chars_.push_back(c);
    } else {
        broken_ = true;  // nothing a reader sends for a reference is this long
    }
    lastMs_ = nowMs;
}

std::optional<std::string> KeyBurst::enter(std::int64_t nowMs) {
    std::optional<std::string> out;
    if (!broken_ && chars_.size() >= kMinLength && nowMs - lastMs_ <= kMaxGapMs) out = referenceIn(chars_);
    clear();
    return out;
}

std::string KeyBurst::referenceIn(const std::string& scanned) {
    // "https://www.ville.fr/suivi?ref=GU-7K3M-9QX2" -> "GU-7K3M-9QX2"; anything else as is
    // (the follow-up screen then explains what is wrong with it).
    for (std::size_t at = scanned.rfind("GU-"); at != std::string::npos; at = at ? scanned.rfind("GU-", at - 1) : std::string::npos) {
        if (scanned.size() - at >= 12 && scanned[at + 7] == '-') return scanned.substr(at, 12);
        if (at == 0) break;
    }
    return scanned;
}

void KeyBurst::clear() {
    secureWipe(chars_);
    chars_.clear();
    broken_ = false;
}

}  // namespace guichet::followup
