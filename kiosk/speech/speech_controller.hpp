// Speech mode as the application sees it: one object the UI loop feeds (each frame's
// accessibility tree, keypad speech keys, headset events, session end) and that decides,
// through the ScreenReader, what the SpeechEngine says. Off until switched on (A2, A12).
#pragma once

#include <string>

#include "drivers/document/receipt_document.hpp"
#include "kiosk/a11y/a11y_tree.hpp"
#include "kiosk/speech/screen_reader.hpp"
#include "kiosk/speech/speech_engine.hpp"
#include "kiosk/speech/speech_mode.hpp"
#include "kiosk/speech/voices.hpp"

namespace guichet::speech {

class SpeechController {
public:
    SpeechController(SpeechEngine& engine, SpeechLog* log) : engine_(engine), log_(log) {}

    bool enabled() const { return enabled_; }
    // Switches speech on (announcing it) exactly the same way for every source.
    void activate(ActivationSource source);
    void deactivate();
    void toggle(ActivationSource source) { enabled_ ? deactivate() : activate(source); }

    void setLanguage(const std::string& lang);
    const std::string& language() const { return reader_.language(); }

    // A headset became (or stopped being) the audio output: speech switches on by itself,
    // and personal values may only be spoken while it is there (A2, A3).
    void setHeadset(bool present);
    bool headset() const { return headset_; }

    // Once per frame, after the UI built the tree. Speaks what changed (nothing when off).
    void onFrame(const a11y::Tree& tree);

    // Keypad speech keys.
    void repeat();
    void faster() { engine_.adjustRate(+1); feedback(phrasesFor().faster); }
    void slower() { engine_.adjustRate(-1); feedback(phrasesFor().slower); }
    void louder();
    void quieter();
    void stopTalking() { engine_.interrupt(); }
    void readAll(const a11y::Tree& tree);

    // Explore-then-confirm: speak a touched control without activating it.
    void speakNode(const a11y::Node& node);
    // The idle warning (A18) and the confirmation that the session was extended.
    void idleWarning(int secondsLeft);
    void sessionExtended();
    // The UI's idle warning is on screen (the reader says it): add how to extend, queued.
    void idleWarningShown();
    // Every line the receipt will print (A7).
    void sayReceipt(const doc::ReceiptDocument& receipt);
    void say(const std::string& text, bool interrupt);

    // Session end: stop talking, wipe what was said, reset rate and volume (A5, A22).
    // Speech stays on only while a headset is still plugged in.
    void endSession();

    SpeechEngine& engine() { return engine_; }
    ScreenReader& reader() { return reader_; }
    SpeechLog* log() { return log_; }

private:
    const Phrases& phrasesFor() const;
    void feedback(const std::string& text);  // settings feedback: not repeated by the repeat key

    SpeechEngine& engine_;
    SpeechLog* log_;
    ScreenReader reader_;
    bool enabled_ = false;
    bool headset_ = false;
    bool gentleNextFrame_ = false;  // the next frame's speech queues after the activation message
};

}  // namespace guichet::speech
