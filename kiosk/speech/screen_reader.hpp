// The screen reader: compares each frame's accessibility tree with the previous one and
// decides what to say — the screen's title, instruction and texts on entering it, the focused
// control (role, label, value/state, position), a toggle's new state, what was typed, new
// errors with their fix (A1, A15, A21). It never speaks a masked value and speaks personal
// values only while a headset is the output (A3). Pure logic: the caller speaks the result.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/a11y/a11y_tree.hpp"
#include "kiosk/speech/speech_engine.hpp"

namespace guichet::speech {

struct Announcement {
    Utterance utterance;
    bool interrupt = false;  // cut off what is being said first
};

class ScreenReader {
public:
    ScreenReader();

    void setLanguage(std::string lang) { language_ = std::move(lang); }
    const std::string& language() const { return language_; }
    // True while a personal headset is the audio output: personal values may be spoken.
    void setHeadsetOutput(bool headset) { headset_ = headset; }
    bool headsetOutput() const { return headset_; }

    // What to say for this frame, in order (the first one interrupts). Usually empty.
    std::vector<Announcement> onFrame(const a11y::Tree& tree);

    // What the focused control says (the repeat key and explore-then-confirm use it).
    Utterance describe(const a11y::Node& node) const;
    // Title, instruction and every text of the screen, in order (a "read all" request).
    std::vector<Utterance> readScreen(const a11y::Tree& tree) const;

    // Forget everything seen (session end, speech switched off): the next frame is "new".
    void reset();

private:
    struct Part {  // a piece of speech and its redacted form for the log
        std::string text, logText;
    };
    std::string valueWords(const a11y::Node& node, Part& out) const;
    void appendValue(const a11y::Node& node, std::vector<Part>& parts) const;
    Utterance join(const std::vector<Part>& parts, const char* sep) const;
    std::vector<Utterance> typingFeedback(const a11y::Node& node, const std::string& before) const;
    static std::string rememberedValue(const a11y::Node& node);
    // Texts that are not controls, in order; on a personal screen without a headset, one
    // "plug in a headset" instead (A3).
    std::vector<Utterance> screenTexts(const a11y::Tree& tree, const std::vector<const a11y::Node*>& nodes) const;

    std::string language_ = "fr";
    bool headset_ = false;

    // What the previous frame showed.
    bool seenFrame_ = false;
    std::string screenId_, title_, instruction_;
    std::string focusId_, focusValue_;
    std::optional<bool> focusChecked_;
    bool focusDisabled_ = false;
    std::vector<std::string> alerts_;  // id + label of the alerts on screen
    // Fields shown while being edited but not focusable themselves (the on-screen
    // keyboard's display): id and remembered value.
    std::vector<std::pair<std::string, std::string>> editing_;
    // Texts shown since the screen was entered: a text that appears (an error under a
    // question, "Votre reçu est imprimé") is said when it first appears.
    std::vector<std::string> texts_;
};

}  // namespace guichet::speech
