// The keypad-only audit must be able to fail (issue 13): a title heard only in an utterance
// that was cut off, a title never spoken, an unlabelled control, or speech that failed to
// start each make auditHeardScreen report the screen.
#include <catch2/catch.hpp>

#include "kiosk/speech/speech_audit.hpp"
#include "kiosk/speech/speech_log.hpp"
#include "speech_test_trees.hpp"

using namespace guichet::speech;
using namespace speech_test;

namespace {
bool mentions(const std::vector<std::string>& problems, const std::string& what) {
    for (const auto& p : problems)
        if (p.find(what) != std::string::npos) return true;
    return false;
}
void screen(Tree& t, const std::string& title, bool labelled = true) {
    t.beginFrame("step", title, "");
    t.add(button("ok", labelled ? "Valider" : "", true));
    t.endFrame();
}
}  // namespace

TEST_CASE("speech.audit-heard a title heard in full passes, also while still being said") {
    Tree t;
    screen(t, "Votre adresse");
    SpeechLog log;
    log.requested(1, "Votre adresse. Saisissez votre adresse.", "", "fr");
    CHECK(auditHeardScreen(t, log, 0).empty());  // being said: counts
    log.finished(1);
    CHECK(auditHeardScreen(t, log, 0).empty());
}

TEST_CASE("speech.audit-heard a title only in an interrupted utterance fails") {
    Tree t;
    screen(t, "Votre adresse");
    SpeechLog log;
    log.requested(1, "Votre adresse.", "", "fr");
    log.requested(2, "Bouton, Valider", "", "fr");
    log.interruptAllUpTo(1);  // the focus announcement cut the title off
    auto p = auditHeardScreen(t, log, 0);
    REQUIRE(p.size() == 1);
    CHECK(mentions(p, "was cut off before it was heard"));
}

TEST_CASE("speech.audit-heard a title spoken only on an earlier visit fails") {
    Tree t;
    screen(t, "Votre adresse");
    SpeechLog log;
    log.requested(1, "Votre adresse.", "", "fr");
    log.finished(1);
    const std::size_t enteredAgain = log.size();
    log.requested(2, "Bouton, Valider", "", "fr");
    auto p = auditHeardScreen(t, log, enteredAgain);
    REQUIRE(p.size() == 1);
    CHECK(mentions(p, "\"Votre adresse\" was never spoken"));
}

TEST_CASE("speech.audit-heard an unlabelled control or an unspoken title fails") {
    Tree t;
    screen(t, "Votre adresse", /*labelled=*/false);
    SpeechLog log;
    log.requested(1, "Votre adresse.", "", "fr");
    auto p = auditHeardScreen(t, log, 0);
    CHECK(mentions(p, "control 'ok' (button) has no spoken label"));
    Tree silent;
    screen(silent, "Pièces justificatives");
    CHECK(mentions(auditHeardScreen(silent, log, 0), "\"Pièces justificatives\" was never spoken"));
}

TEST_CASE("speech.audit-heard speech that failed to start fails, and is not spoken") {
    Tree t;
    screen(t, "Votre adresse");
    SpeechLog log;
    log.requested(1, "Votre adresse.", "", "fr");
    log.failed(1);
    log.finished(1);  // the sink's end of an empty utterance changes nothing
    CHECK_FALSE(log.spokenSince(0, "Votre adresse"));
    auto p = auditHeardScreen(t, log, 0);
    CHECK(mentions(p, "speech failed to start for \"Votre adresse.\""));
    CHECK(mentions(p, "was never spoken"));
    CHECK(log.entries().at(0).failed);
    CHECK_FALSE(log.entries().at(0).finished);
}
