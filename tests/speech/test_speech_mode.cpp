#include <catch2/catch.hpp>

#include "kiosk/speech/headset_detector.hpp"
#include "kiosk/speech/speech_mode.hpp"

using namespace guichet::speech;
using namespace std::chrono_literals;

TEST_CASE("speech.mode explore then confirm: first touch focuses and speaks, second activates") {
    CHECK(decideTouch(false, "ok", "") == TouchAction::Activate);
    CHECK(decideTouch(true, "ok", "") == TouchAction::FocusAndSpeak);
    CHECK(decideTouch(true, "ok", "cancel") == TouchAction::FocusAndSpeak);
    CHECK(decideTouch(true, "ok", "ok") == TouchAction::Activate);
    CHECK(decideTouch(true, "", "") == TouchAction::FocusAndSpeak);
}

TEST_CASE("speech.mode timeouts are longer in speech mode and leave at least 20 s to extend") {
    auto normal = idlePolicy(false, 60s, 15s);
    CHECK(normal.idleTimeout == 60s);
    CHECK(normal.warningLead >= 20s);
    auto speech = idlePolicy(true, 60s, 15s);
    CHECK(speech.idleTimeout > normal.idleTimeout);
    CHECK(speech.warningLead > normal.warningLead);
    CHECK(speech.warningLead >= 30s);
}

TEST_CASE("speech.mode no other sound longer than 3 s while speech is on") {
    CHECK(otherSoundAllowed(false, 20000ms));
    CHECK(otherSoundAllowed(true, 500ms));
    CHECK(otherSoundAllowed(true, 3000ms));
    CHECK_FALSE(otherSoundAllowed(true, 3001ms));
}

TEST_CASE("speech.mode a device present at start is not a headset, a new one is") {
    HeadsetDetector d;
    d.setStartupDevices({"Built-in Audio Analog Stereo", "HDMI"});
    CHECK_FALSE(d.deviceAdded("HDMI"));
    CHECK_FALSE(d.deviceAdded(""));
    auto h = d.deviceAdded("USB Headset");
    REQUIRE(h);
    CHECK(*h == "USB Headset");
    CHECK_FALSE(d.deviceRemoved("HDMI"));
    CHECK(d.deviceRemoved("USB Headset"));
    CHECK_FALSE(d.headset());
}

#include "ui/host/chime.hpp"

TEST_CASE("speech.mode the terminal's only other sound, the idle chime, stays under 3 s (A4)") {
    const int rate = 48000;
    const auto chime = guichet::ui::Chime::samples(rate);
    REQUIRE_FALSE(chime.empty());
    const auto duration = std::chrono::milliseconds(chime.size() * 1000 / rate);
    CHECK(otherSoundAllowed(true, duration));
}
