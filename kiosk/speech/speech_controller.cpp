#include "kiosk/speech/speech_controller.hpp"

#include <cstdio>

namespace guichet::speech {

const Phrases& SpeechController::phrasesFor() const { return speech::phrasesFor(reader_.language()); }

void SpeechController::activate(ActivationSource source) {
    const bool wasOn = enabled_;
    enabled_ = true;
    const char* msg = source == ActivationSource::Headset ? phrasesFor().headsetOn : phrasesFor().speechOn;
    engine_.say(Utterance{msg, msg, reader_.language()}, true, false);
    if (!wasOn) {
        reader_.reset();  // the current screen is announced on the next frame
        gentleNextFrame_ = true;
    }
}

void SpeechController::deactivate() {
    if (!enabled_) return;
    engine_.say(Utterance{phrasesFor().speechOff, phrasesFor().speechOff, reader_.language()}, true, false);
    enabled_ = false;
    reader_.reset();
}

void SpeechController::setLanguage(const std::string& lang) {
    const std::string l = isSupportedLanguage(lang) ? lang : std::string("fr");
    reader_.setLanguage(l);
    engine_.setLanguage(l);
}

void SpeechController::setHeadset(bool present) {
    const bool appeared = present && !headset_;
    headset_ = present;
    reader_.setHeadsetOutput(present);
    if (appeared) activate(ActivationSource::Headset);
    // Unplugged: personal values stop being spoken at once (the reader checks each frame);
    // what is queued may hold some, so it is cut.
    if (!present) engine_.interrupt();
}

void SpeechController::onFrame(const a11y::Tree& tree) {
    if (!enabled_) return;
    auto announcements = reader_.onFrame(tree);
    for (auto& a : announcements) {
        const bool interrupt = a.interrupt && !gentleNextFrame_;
        engine_.say(std::move(a.utterance), interrupt);
    }
    gentleNextFrame_ = false;
}

void SpeechController::repeat() {
    if (enabled_) engine_.repeat();
}

void SpeechController::feedback(const std::string& text) {
    if (enabled_) engine_.say(Utterance{text, text, reader_.language()}, true, false);
}

void SpeechController::louder() {
    const int v = engine_.adjustVolume(+1);
    feedback(std::string(phrasesFor().volume) + ' ' + std::to_string(v) + " %");
}

void SpeechController::quieter() {
    const int v = engine_.adjustVolume(-1);
    feedback(std::string(phrasesFor().volume) + ' ' + std::to_string(v) + " %");
}

void SpeechController::readAll(const a11y::Tree& tree) {
    if (!enabled_) return;
    bool first = true;
    for (auto& u : reader_.readScreen(tree)) {
        engine_.say(std::move(u), first);
        first = false;
    }
}

void SpeechController::speakNode(const a11y::Node& node) {
    if (enabled_) engine_.say(reader_.describe(node), true);
}

void SpeechController::idleWarning(int secondsLeft) {
    if (!enabled_) return;
    char buf[256];
    std::snprintf(buf, sizeof buf, phrasesFor().idleWarning, secondsLeft);
    engine_.say(Utterance{buf, buf, reader_.language()}, true);
}

void SpeechController::idleWarningShown() {
    if (enabled_) engine_.say(Utterance{phrasesFor().extendHint, phrasesFor().extendHint, reader_.language()}, false);
}

void SpeechController::sessionExtended() {
    feedback(phrasesFor().sessionExtended);
}

void SpeechController::sayReceipt(const doc::ReceiptDocument& receipt) {
    if (!enabled_) return;
    if (!headset_) {  // the receipt names the resident: only through a headset (A3)
        engine_.say(Utterance{phrasesFor().personalHidden, phrasesFor().personalHidden, reader_.language()}, false);
        return;
    }
    for (auto& line : receipt.spokenLines()) {
        if (line.empty()) continue;
        // The log file never gets the resident's data; the memory log (wiped) does.
        engine_.say(Utterance{line, "[ligne du reçu]", reader_.language()}, false);
    }
}

void SpeechController::say(const std::string& text, bool interrupt) {
    if (enabled_) engine_.say(Utterance{text, text, reader_.language()}, interrupt);
}

void SpeechController::endSession() {
    engine_.endSession();
    reader_.reset();
    if (log_) log_->wipe();
    enabled_ = headset_;
    gentleNextFrame_ = false;
}

}  // namespace guichet::speech
