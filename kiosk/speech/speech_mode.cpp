#include "kiosk/speech/speech_mode.hpp"

#include <algorithm>

namespace guichet::speech {

TouchAction decideTouch(bool speechOn, const std::string& touchedId, const std::string& focusedId) {
    if (!speechOn) return TouchAction::Activate;
    return !touchedId.empty() && touchedId == focusedId ? TouchAction::Activate : TouchAction::FocusAndSpeak;
}

IdlePolicy idlePolicy(bool speechOn, std::chrono::seconds baseIdle, std::chrono::seconds baseWarning) {
    if (!speechOn) return {baseIdle, std::max(baseWarning, std::chrono::seconds(20))};
    // Listening to a screen takes longer than glancing at it: double the idle time, and
    // leave time to hear the warning (~8 s) and then react.
    return {std::max(baseIdle * 2, std::chrono::seconds(120)), std::max(baseWarning * 2, std::chrono::seconds(30))};
}

bool otherSoundAllowed(bool speechOn, std::chrono::milliseconds duration) {
    return !speechOn || duration <= kMaxOtherSoundWhileSpeech;
}

}  // namespace guichet::speech
