#include "kiosk/speech/multitap.hpp"

#include <iterator>

namespace guichet::speech {

namespace {
// French needs its accented letters reachable too; they follow the plain ones on each key.
const char* const k0[] = {" ", "0"};
const char* const k1[] = {".", ",", "-", "'", "@", "1"};
const char* const k2[] = {"a", "b", "c", "à", "â", "ç", "2"};
const char* const k3[] = {"d", "e", "f", "é", "è", "ê", "ë", "3"};
const char* const k4[] = {"g", "h", "i", "î", "ï", "4"};
const char* const k5[] = {"j", "k", "l", "5"};
const char* const k6[] = {"m", "n", "o", "ô", "6"};
const char* const k7[] = {"p", "q", "r", "s", "7"};
const char* const k8[] = {"t", "u", "v", "ù", "û", "ü", "8"};
const char* const k9[] = {"w", "x", "y", "z", "9"};
}  // namespace

const char* const* MultiTap::lettersOf(char digit, int* count) {
#define GUICHET_KEY(d, arr) \
    case d: *count = static_cast<int>(std::size(arr)); return arr;
    switch (digit) {
        GUICHET_KEY('0', k0) GUICHET_KEY('1', k1) GUICHET_KEY('2', k2) GUICHET_KEY('3', k3) GUICHET_KEY('4', k4)
        GUICHET_KEY('5', k5) GUICHET_KEY('6', k6) GUICHET_KEY('7', k7) GUICHET_KEY('8', k8) GUICHET_KEY('9', k9)
    }
#undef GUICHET_KEY
    *count = 0;
    return nullptr;
}

std::optional<MultiTap::Edit> MultiTap::press(char digit, Clock::time_point now) {
    int count = 0;
    const char* const* letters = lettersOf(digit, &count);
    if (!letters) {
        commit();
        return std::nullopt;
    }
    const bool cycling = digit == lastKey_ && now - lastTime_ < delay_;
    index_ = cycling ? (index_ + 1) % count : 0;
    lastKey_ = digit;
    lastTime_ = now;
    return Edit{cycling, letters[index_]};
}

}  // namespace guichet::speech
