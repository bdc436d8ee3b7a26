// Tells a headset from the terminal's own speakers: any audio output that appears after
// start-up (SDL_AUDIODEVICEADDED for a device not present at start) is a personal headset
// (A2). SDL reports the devices present at start as "added" too; those are ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace guichet::speech {

class HeadsetDetector {
public:
    // The output devices present at start-up (built-in speakers, HDMI): never a headset.
    void setStartupDevices(std::vector<std::string> names) { startup_ = std::move(names); }
    // An output device appeared: returns its name if it is a headset.
    std::optional<std::string> deviceAdded(const std::string& name);
    // An output device went away: true if it was the headset in use.
    bool deviceRemoved(const std::string& name);
    const std::optional<std::string>& headset() const { return headset_; }

    // The output devices SDL sees now (SDL audio must be initialised).
    static std::vector<std::string> currentOutputDevices();
    // Handles an SDL_AUDIODEVICEADDED event's device index: its name, or "" for capture devices.
    static std::string outputDeviceName(int index);

private:
    std::vector<std::string> startup_;
    std::optional<std::string> headset_;
};

}  // namespace guichet::speech
