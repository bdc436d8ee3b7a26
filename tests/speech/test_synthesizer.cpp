#include <catch2/catch.hpp>

#include "tests/support/skip.hpp"

#include <cmath>

#include "kiosk/speech/synthesizer.hpp"
#include "kiosk/speech/voices.hpp"

using namespace guichet::speech;

namespace {
Synthesizer& synth() {
    auto s = Synthesizer::instance();
    if (!s.ok()) GUICHET_SKIP(s.error().message);  // no espeak-ng-data here
    return **s;
}
double rms(const std::vector<std::int16_t>& v) {
    double sum = 0;
    for (auto x : v) sum += double(x) * x;
    return v.empty() ? 0 : std::sqrt(sum / v.size());
}
}  // namespace

TEST_CASE("speech.synthesizer makes audible French speech of a plausible length") {
    auto& s = synth();
    REQUIRE(s.sampleRate() == 22050);
    auto samples = s.synthesizeAll("Bonjour, bienvenue à la mairie. Que souhaitez-vous faire ?", {"fr", 175});
    REQUIRE(samples.ok());
    const double seconds = double(samples->size()) / s.sampleRate();
    CHECK(seconds > 1.5);
    CHECK(seconds < 8.0);
    CHECK(rms(*samples) > 500);  // not silence
}

TEST_CASE("speech.synthesizer every display language has a voice and switching changes it") {
    auto& s = synth();
    std::vector<std::string> names;
    for (auto lang : kLanguages) {
        auto samples = s.synthesizeAll("1 2 3", {std::string(lang), 175});
        REQUIRE(samples.ok());
        CHECK(samples->size() > 5000);
        names.push_back(s.currentVoiceName());
    }
    // six languages, six distinct espeak voices
    std::sort(names.begin(), names.end());
    CHECK(std::unique(names.begin(), names.end()) == names.end());
    // The same digits sound different in French and in German.
    auto fr = s.synthesizeAll("quatre-vingt-dix", {"fr", 175});
    auto de = s.synthesizeAll("quatre-vingt-dix", {"de", 175});
    REQUIRE(fr.ok());
    REQUIRE(de.ok());
    CHECK(*fr != *de);
}

TEST_CASE("speech.synthesizer a faster rate gives a shorter utterance") {
    auto& s = synth();
    const char* text = "Veuillez présenter votre pièce d'identité devant le lecteur.";
    auto slow = s.synthesizeAll(text, {"fr", 120});
    auto fast = s.synthesizeAll(text, {"fr", 300});
    REQUIRE(slow.ok());
    REQUIRE(fast.ok());
    CHECK(fast->size() * 3 < slow->size() * 2);  // at least a third shorter
}

TEST_CASE("speech.synthesizer stops when the chunk callback says so") {
    auto& s = synth();
    std::size_t received = 0;
    int chunks = 0;
    auto r = s.synthesize("Ceci est une longue phrase qui ne sera jamais prononcée jusqu'au bout, car on l'interrompt.",
                          {"fr", 175}, [&](std::span<const std::int16_t> c) {
                              received += c.size();
                              return ++chunks < 2;
                          });
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == guichet::ErrorCode::Cancelled);
    CHECK(chunks == 2);
    CHECK(received < 22050 / 2);  // far less than the sentence
    // and the synthesiser still works afterwards
    auto again = s.synthesizeAll("Encore", {"fr", 175});
    REQUIRE(again.ok());
    CHECK(again->size() > 1000);
}

TEST_CASE("speech.synthesizer the first chunk comes quickly") {
    auto& s = synth();
    std::size_t first = 0;
    auto r = s.synthesize("Bouton, Demander un acte de naissance, 1 sur 9", {"fr", 175}, [&](std::span<const std::int16_t> c) {
        if (!first) first = c.size();
        return true;
    });
    REQUIRE(r.ok());
    CHECK(first > 0);
    CHECK(first <= 22050 / 10);  // chunks are short, so playback can start early
}

TEST_CASE("speech.synthesizer odd input: empty text, markup-like text, unknown language") {
    auto& s = synth();
    auto empty = s.synthesizeAll("", {"fr", 175});
    REQUIRE(empty.ok());
    CHECK(empty->size() < 22050 / 2);
    auto markup = s.synthesizeAll("<b>Nom</b> & prénom", {"fr", 175});
    REQUIRE(markup.ok());
    CHECK(markup->size() > 5000);
    auto unknown = s.synthesizeAll("Bonjour", {"xx", 175});  // falls back to French
    REQUIRE(unknown.ok());
    CHECK(std::string(espeakVoiceFor("xx")) == "fr");
}
