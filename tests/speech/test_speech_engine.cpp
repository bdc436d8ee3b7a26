#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "kiosk/speech/sdl_audio_sink.hpp"
#include "kiosk/speech/speech_engine.hpp"

using namespace guichet::speech;
using namespace std::chrono_literals;

TEST_CASE("speech.engine speaks queued utterances in order into the sink and logs them") {
    MemoryAudioSink sink;
    SpeechLog log;
    SpeechEngine engine(sink, &log);
    engine.say({"Bonjour", "", "fr"}, false);
    engine.say({"Hello", "", "en"}, false);
    REQUIRE(engine.waitIdle(5s));
    auto e = log.entries();
    REQUIRE(e.size() == 2);
    CHECK(e[0].text == "Bonjour");
    CHECK(e[0].language == "fr");
    CHECK(e[1].language == "en");
    CHECK(e[0].finished);
    CHECK(e[1].finished);
    CHECK_FALSE(e[0].interrupted);
    CHECK(sink.played().size() > 22050 / 4);
    CHECK(engine.lastError().empty());
}

TEST_CASE("speech.engine utterances without a language take the display language") {
    MemoryAudioSink sink;
    SpeechLog log;
    SpeechEngine engine(sink, &log, {.synthesize = false});
    engine.setLanguage("it");
    engine.say({"Buongiorno", "", ""}, false);
    REQUIRE(engine.waitIdle(2s));
    CHECK(log.entries().at(0).language == "it");
}

TEST_CASE("speech.engine a new utterance that interrupts cuts off the one playing (real time, SDL dummy)") {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    SdlAudioSink sink;
    REQUIRE(sink.open(22050).ok());
    SpeechLog log;
    SpeechEngine engine(sink, &log);
    engine.say({"Voici une très longue phrase qui dure plusieurs secondes, pour que l'on puisse l'interrompre au milieu.", "", "fr"},
               false);
    engine.say({"Et celle-ci attend son tour dans la file.", "", "fr"}, false);
    std::this_thread::sleep_for(300ms);
    auto t0 = std::chrono::steady_clock::now();
    engine.say({"Stop.", "", "fr"}, true);
    REQUIRE(engine.waitIdle(5s));
    auto elapsed = std::chrono::steady_clock::now() - t0;
    sink.close();
    unsetenv("SDL_AUDIODRIVER");
    CHECK(elapsed < 2s);  // the long sentence was not played to the end
    auto e = log.entries();
    REQUIRE(e.size() == 3);
    CHECK(e[0].interrupted);
    CHECK(e[1].interrupted);
    CHECK(e[2].finished);
    CHECK_FALSE(e[2].interrupted);
}

TEST_CASE("speech.engine repeat says the last remembered utterance again, not settings feedback") {
    MemoryAudioSink sink;
    SpeechLog log;
    SpeechEngine engine(sink, &log, {.synthesize = false});
    CHECK_FALSE(engine.repeat());
    engine.say({"Bouton, Valider, 3 sur 4", "", "fr"}, true);
    engine.say({"Plus rapide", "", "fr"}, true, /*remember=*/false);
    REQUIRE(engine.repeat());
    REQUIRE(engine.waitIdle(2s));
    auto e = log.entries();
    REQUIRE(e.size() == 3);
    CHECK(e[2].text == "Bouton, Valider, 3 sur 4");
}

TEST_CASE("speech.engine rate and volume move in steps, stay in range, and reset at session end") {
    MemoryAudioSink sink;
    SpeechEngine engine(sink, nullptr, {.synthesize = false});
    CHECK(engine.settings().rateWpm == SpeechSettings::kDefaultRate);
    CHECK(sink.volume() == SpeechSettings::kDefaultVolume);
    CHECK(engine.adjustRate(+1) == SpeechSettings::kDefaultRate + SpeechSettings::kRateStep);
    for (int i = 0; i < 50; ++i) engine.adjustRate(+1);
    CHECK(engine.settings().rateWpm == SpeechSettings::kMaxRate);
    for (int i = 0; i < 50; ++i) engine.adjustVolume(-1);
    CHECK(engine.settings().volume == SpeechSettings::kMinVolume);
    CHECK(sink.volume() == SpeechSettings::kMinVolume);  // applied to playback at once
    engine.say({"Mon nom est Dupont", "", "fr"}, false);
    engine.endSession();
    CHECK(engine.settings().rateWpm == SpeechSettings::kDefaultRate);
    CHECK(engine.settings().volume == SpeechSettings::kDefaultVolume);
    CHECK(sink.volume() == SpeechSettings::kDefaultVolume);
    CHECK_FALSE(engine.repeat());  // the last utterance was forgotten
}

TEST_CASE("speech.engine the rate changes how long speech lasts") {
    MemoryAudioSink sink;
    SpeechEngine engine(sink);
    const char* text = "Votre demande a bien été enregistrée. Conservez votre reçu.";
    engine.say({text, "", "fr"}, false);
    REQUIRE(engine.waitIdle(5s));
    const auto normal = sink.played().size();
    sink.clear();
    engine.adjustRate(+4);
    engine.say({text, "", "fr"}, false);
    REQUIRE(engine.waitIdle(5s));
    CHECK(sink.played().size() < normal * 3 / 4);
}

TEST_CASE("speech.engine the speech log file has one line per utterance, redacted") {
    const std::string path = std::string(GUICHET_BINARY_DIR) + "/speech_engine_log.tsv";
    {
        MemoryAudioSink sink;
        SpeechLog log;
        REQUIRE(log.openFile(path).ok());
        SpeechEngine engine(sink, &log, {.synthesize = false});
        engine.say({"Champ de saisie, Nom, Dupont", "Champ de saisie, Nom, [donnée personnelle]", "fr"}, false);
        engine.say({"Bouton\tValider", "", "fr"}, false);
        REQUIRE(engine.waitIdle(2s));
    }
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    CHECK(text.find("Dupont") == std::string::npos);
    CHECK(text.find("\tfr\tdone\tChamp de saisie, Nom, [donnée personnelle]\n") != std::string::npos);
    CHECK(text.find("\tfr\tdone\tBouton Valider\n") != std::string::npos);
}

TEST_CASE("speech.engine the speech log cannot be written: a clear error") {
    SpeechLog log;
    auto r = log.openFile("/nonexistent-dir/speech.log");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("/nonexistent-dir/speech.log") != std::string::npos);
}

TEST_CASE("speech.engine spokenSince only looks at what was said after the mark, wipe empties texts") {
    SpeechLog log;
    log.requested(1, "Accueil", "", "fr");
    const auto mark = log.size();
    log.requested(2, "Bouton, Valider", "", "fr");
    CHECK(log.spokenSince(mark, "Valider"));
    CHECK_FALSE(log.spokenSince(mark, "Accueil"));
    CHECK(log.textsSince(0) == "Accueil | Bouton, Valider");
    log.wipe();
    CHECK_FALSE(log.spokenSince(0, "Valider"));
    CHECK(log.size() == 2);
    CHECK(log.entries().empty());
    log.requested(3, "Accueil", "", "fr");
    CHECK(log.spokenSince(mark, "Accueil"));
    CHECK_FALSE(log.spokenSince(3, "Accueil"));
    CHECK(log.textsSince(2) == "Accueil");
}
