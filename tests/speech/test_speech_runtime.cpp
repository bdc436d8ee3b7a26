#include <catch2/catch.hpp>

#include <cstdlib>

#include "kiosk/speech/speech_runtime.hpp"
#include "speech_test_trees.hpp"

using namespace guichet::speech;
using namespace speech_test;
using namespace std::chrono_literals;

namespace {
std::unique_ptr<SpeechRuntime> memoryRuntime(bool synthesize = false) {
    SpeechRuntimeConfig cfg;
    cfg.audio = SpeechRuntimeConfig::Audio::Memory;
    cfg.synthesize = synthesize;
    auto rt = SpeechRuntime::create(cfg);
    REQUIRE(rt.ok());
    return std::move(rt.value());
}
std::string lastSaid(SpeechRuntime& rt) {
    rt.drain(2s);
    auto e = rt.log().entries();
    return e.empty() ? std::string() : e.back().text;
}
}  // namespace

TEST_CASE("speech.runtime the marked key switches speech on and off, other speech keys are inert when off") {
    auto rt = memoryRuntime();
    Tree t;
    homeScreen(t, 1);
    CHECK_FALSE(rt->handleKey(SpeechKey::Louder, t));  // an ordinary key while speech is off
    CHECK(rt->handleKey(SpeechKey::Toggle, t));
    CHECK(rt->enabled());
    CHECK(rt->handleKey(SpeechKey::Louder, t));
    CHECK(rt->engine().settings().volume == SpeechSettings::kDefaultVolume + SpeechSettings::kVolumeStep);
    CHECK(lastSaid(*rt) == "Volume 90 %");
    CHECK(rt->handleKey(SpeechKey::Faster, t));
    CHECK(rt->engine().settings().rateWpm > SpeechSettings::kDefaultRate);
    rt->onFrame(t);
    CHECK(rt->handleKey(SpeechKey::Repeat, t));
    CHECK(lastSaid(*rt) == "Bouton, Demander un acte de naissance, 1 sur 9");
    CHECK(rt->handleKey(SpeechKey::ReadAll, t));
    CHECK(lastSaid(*rt) == "Bienvenue à la mairie. Choisissez une démarche.");
    CHECK(rt->handleKey(SpeechKey::Toggle, t));
    CHECK_FALSE(rt->enabled());
    CHECK(speechKeyFromName("read-all") == SpeechKey::ReadAll);
    CHECK(std::string(speechKeyName(SpeechKey::Slower)) == "slower");
    CHECK_FALSE(speechKeyFromName("louder!"));
}

TEST_CASE("speech.runtime a new audio output is a headset: speech starts, personal values allowed") {
    auto rt = memoryRuntime();
    rt->outputDeviceAdded("USB Headset");
    CHECK(rt->enabled());
    CHECK(rt->controller().headset());
    CHECK(lastSaid(*rt) == "Casque détecté. Synthèse vocale activée.");
    rt->outputDeviceRemoved("USB Headset");
    CHECK_FALSE(rt->controller().headset());
    CHECK(rt->enabled());
}

TEST_CASE("speech.runtime with SDL audio, an unopenable headset still starts speech, without personal values") {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    SpeechRuntimeConfig cfg;
    auto made = SpeechRuntime::create(cfg);
    REQUIRE(made.ok());
    auto& rt = *made.value();
    CHECK(rt.usingSdlAudio());
    rt.outputDeviceAdded("Casque USB inconnu");
    CHECK(rt.enabled());
    CHECK_FALSE(rt.controller().headset());
    CHECK(rt.usingSdlAudio());  // fell back to the default output
    CHECK(rt.drain(10s));
    unsetenv("SDL_AUDIODRIVER");
}

TEST_CASE("speech.runtime a speech log path that cannot be written fails creation with the path") {
    SpeechRuntimeConfig cfg;
    cfg.audio = SpeechRuntimeConfig::Audio::Memory;
    cfg.speechLogPath = "/nonexistent-dir/speech.tsv";
    auto rt = SpeechRuntime::create(cfg);
    REQUIRE_FALSE(rt.ok());
    CHECK(rt.error().message.find("/nonexistent-dir/speech.tsv") != std::string::npos);
}

TEST_CASE("speech.runtime a touch cuts speech off, a capture device is not a headset") {
    auto rt = memoryRuntime(true);
    rt->controller().activate(ActivationSource::Key);
    rt->controller().say("Une phrase assez longue pour être encore en cours quand on touche l'écran.", false);
    rt->touched();
    rt->drain(2s);
    for (auto& e : rt->log().entries()) CHECK((e.finished || e.interrupted));
    rt->audioOutputAppeared(0, /*capture=*/true);
    CHECK_FALSE(rt->controller().headset());
}

TEST_CASE("speech.runtime without its own SDL output, SDL audio events never mean a headset") {
    // Headless: another part (the idle chime) opening the sound card makes SDL announce
    // every existing device; that must not switch speech on.
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    REQUIRE(SDL_InitSubSystem(SDL_INIT_AUDIO) == 0);
    auto rt = memoryRuntime();
    rt->audioOutputAppeared(0, /*capture=*/false);
    CHECK_FALSE(rt->enabled());
    CHECK_FALSE(rt->controller().headset());
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    unsetenv("SDL_AUDIODRIVER");
}
