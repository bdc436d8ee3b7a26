// Speech mode's rules that do not depend on sound: how it is switched on (marked key,
// first-screen control, headset, scenario), explore-then-confirm for touches (A14), longer
// timeouts with a spoken warning (A18), and the 3-second limit on other sounds (A4).
#pragma once

#include <chrono>
#include <string>

namespace guichet::speech {

enum class ActivationSource { Key, FirstScreenControl, Headset, Scenario };

// Explore, then confirm: in speech mode a touch on a control that is not the focused one
// only focuses it (the screen reader then speaks it); touching it again activates it.
enum class TouchAction { Activate, FocusAndSpeak };
TouchAction decideTouch(bool speechOn, const std::string& touchedId, const std::string& focusedId);

// Session time limits. In speech mode everything is longer and the warning leaves at least
// 30 s to answer (A18 asks for >= 20 s); extending is one key and can be repeated.
struct IdlePolicy {
    std::chrono::seconds idleTimeout;   // inactivity before the warning
    std::chrono::seconds warningLead;   // how long the warning stays before the session ends
};
IdlePolicy idlePolicy(bool speechOn, std::chrono::seconds baseIdle, std::chrono::seconds baseWarning);

// A4: while speech is on, no other sound longer than 3 s (attract loops are muted).
inline constexpr std::chrono::milliseconds kMaxOtherSoundWhileSpeech{3000};
bool otherSoundAllowed(bool speechOn, std::chrono::milliseconds duration);

}  // namespace guichet::speech
