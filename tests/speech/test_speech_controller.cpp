#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "drivers/document/receipt_document.hpp"
#include "kiosk/speech/speech_controller.hpp"
#include "speech_test_trees.hpp"

using namespace guichet::speech;
using namespace speech_test;
using namespace std::chrono_literals;

namespace {
struct Rig {
    MemoryAudioSink sink;
    SpeechLog log;
    SpeechEngine engine{sink, &log, {.synthesize = false}};
    SpeechController speech{engine, &log};
    std::vector<std::string> said() {
        engine.waitIdle(2s);
        std::vector<std::string> out;
        for (auto& e : log.entries()) out.push_back(e.text);
        return out;
    }
};
bool contains(const std::vector<std::string>& v, const std::string& s) {
    for (auto& x : v)
        if (x.find(s) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("speech.controller silent until switched on, then announces itself and the current screen") {
    Rig rig;
    Tree t;
    homeScreen(t, 1);
    rig.speech.onFrame(t);
    CHECK(rig.said().empty());
    rig.speech.activate(ActivationSource::Key);
    homeScreen(t, 1);
    rig.speech.onFrame(t);
    auto said = rig.said();
    REQUIRE(said.size() == 3);
    CHECK(said[0].rfind("Synthèse vocale activée", 0) == 0);
    CHECK(said[1] == "Bienvenue à la mairie. Choisissez une démarche.");
    CHECK(said[2] == "Bouton, Demander un acte de naissance, 1 sur 9");
    // the screen announcement queued after the activation message instead of cutting it off
    auto e = rig.log.entries();
    CHECK_FALSE(e[0].interrupted);
}

TEST_CASE("speech.controller every activation source switches on the same way") {
    for (auto source : {ActivationSource::Key, ActivationSource::FirstScreenControl, ActivationSource::Scenario}) {
        Rig rig;
        rig.speech.activate(source);
        CHECK(rig.speech.enabled());
        CHECK(contains(rig.said(), "Synthèse vocale activée"));
    }
    Rig rig;
    rig.speech.toggle(ActivationSource::Key);
    rig.speech.toggle(ActivationSource::Key);
    CHECK_FALSE(rig.speech.enabled());
    CHECK(contains(rig.said(), "Synthèse vocale désactivée"));
}

TEST_CASE("speech.controller a headset switches speech on by itself and allows personal values") {
    Rig rig;
    rig.speech.setHeadset(true);
    CHECK(rig.speech.enabled());
    CHECK(rig.said().at(0) == "Casque détecté. Synthèse vocale activée.");
    Tree t;
    t.beginFrame("identity", "Votre identité", "");
    Node n = field("name", "Nom", "Dupont", true);
    n.personal = true;
    t.add(n);
    t.endFrame();
    rig.speech.onFrame(t);
    CHECK(contains(rig.said(), "Nom, Dupont"));
    // unplugged: speech stays on but personal values are no longer said
    rig.speech.setHeadset(false);
    rig.speech.reader().reset();
    rig.speech.onFrame(t);
    CHECK(rig.said().back().find("Dupont") == std::string::npos);
}

TEST_CASE("speech.controller settings reset at session end, speech stays on only with a headset") {
    Rig rig;
    rig.speech.activate(ActivationSource::Key);
    rig.speech.louder();
    rig.speech.louder();
    rig.speech.faster();
    CHECK(rig.engine.settings().volume == SpeechSettings::kDefaultVolume + 2 * SpeechSettings::kVolumeStep);
    CHECK(contains(rig.said(), "Volume 100 %"));
    CHECK(contains(rig.said(), "Plus rapide"));
    rig.speech.endSession();
    CHECK_FALSE(rig.speech.enabled());
    CHECK(rig.engine.settings().volume == SpeechSettings::kDefaultVolume);
    CHECK(rig.engine.settings().rateWpm == SpeechSettings::kDefaultRate);
    CHECK(rig.sink.volume() == SpeechSettings::kDefaultVolume);

    rig.speech.setHeadset(true);
    rig.speech.quieter();
    rig.speech.endSession();
    CHECK(rig.speech.enabled());  // the next resident still wears the headset
    CHECK(rig.engine.settings().volume == SpeechSettings::kDefaultVolume);
}

TEST_CASE("speech.controller the repeat key says the focused control again") {
    Rig rig;
    rig.speech.activate(ActivationSource::Key);
    Tree t;
    homeScreen(t, 4);
    rig.speech.onFrame(t);
    rig.speech.slower();  // settings feedback is not what repeat repeats
    rig.speech.repeat();
    CHECK(rig.said().back() == "Bouton, Prendre rendez-vous, 4 sur 9");
}

TEST_CASE("speech.controller idle warning says how long is left and how to extend") {
    Rig rig;
    rig.speech.idleWarning(30);
    CHECK(rig.said().empty());  // off: nothing
    rig.speech.activate(ActivationSource::Key);
    rig.speech.idleWarning(30);
    rig.speech.sessionExtended();
    auto said = rig.said();
    CHECK(contains(said, "La séance se termine dans 30 secondes. Appuyez sur Entrée pour continuer."));
    CHECK(said.back() == "Séance prolongée.");
}

TEST_CASE("speech.controller every receipt line is spoken through a headset, and only there") {
    using namespace guichet::doc;
    ReceiptDocument receipt;
    receipt.elements = {Text{"Mairie de Villeneuve", Align::Center, true, true}, Text{"Demande d'acte de naissance"},
                        Row{"Référence", "AB12-7"}, Row{"Nom", "Dupont"}, Separator{},
                        Qr{"https://mairie.example/suivi/AB12-7", "Suivi de votre demande"},
                        Text{"Merci de votre visite", Align::Center}};
    Rig rig;
    rig.speech.activate(ActivationSource::Key);
    rig.speech.sayReceipt(receipt);
    CHECK_FALSE(contains(rig.said(), "Dupont"));
    CHECK(contains(rig.said(), "branchez un casque"));
    rig.speech.setHeadset(true);
    rig.speech.sayReceipt(receipt);
    auto said = rig.said();
    for (auto& line : receipt.spokenLines())
        if (!line.empty()) CHECK(contains(said, line));
}

TEST_CASE("speech.controller explore-then-confirm speaks a touched control") {
    Rig rig;
    rig.speech.activate(ActivationSource::Key);
    Tree t;
    homeScreen(t, 1);
    rig.speech.speakNode(*t.findById("proc5"));
    CHECK(rig.said().back() == "Bouton, Payer une facture, 5 sur 9");
}

TEST_CASE("speech.controller a PIN typed in speech mode never reaches the speech log file") {
    const std::string path = std::string(GUICHET_BINARY_DIR) + "/speech_controller_pin.tsv";
    {
        Rig rig;
        REQUIRE(rig.log.openFile(path).ok());
        rig.speech.setHeadset(true);
        Tree t;
        for (std::string pin : {"", "9", "93", "935", "9352"}) {
            t.beginFrame("pay", "Paiement", "Tapez votre code.");
            Node n = field("pin", "Code confidentiel", pin, true);
            n.masked = true;
            t.add(n);
            t.endFrame();
            rig.speech.onFrame(t);
            rig.speech.repeat();
            rig.speech.readAll(t);
        }
        rig.engine.waitIdle(2s);
    }
    // Only the text column: the time column has digits of its own.
    std::ifstream in(path);
    std::string line, texts;
    int lines = 0;
    while (std::getline(in, line)) {
        texts += line.substr(line.rfind('\t') + 1) + '\n';
        ++lines;
    }
    CHECK(lines >= 10);
    CHECK(texts.find("Code confidentiel") != std::string::npos);
    CHECK(texts.find("étoile") != std::string::npos);
    for (char d : std::string("9352")) CHECK(texts.find(d) == std::string::npos);
}

TEST_CASE("speech.controller language switch changes the voice language of what follows") {
    Rig rig;
    rig.speech.activate(ActivationSource::Key);
    rig.speech.setLanguage("es");
    Tree t;
    t.beginFrame("home", "Bienvenido", "Elija un trámite.");
    t.add(button("a", "Partida de nacimiento", true));
    t.endFrame();
    rig.speech.onFrame(t);
    rig.engine.waitIdle(2s);
    auto e = rig.log.entries();
    CHECK(e.back().text == "Botón, Partida de nacimiento, 1 de 1");
    CHECK(e.back().language == "es");
    rig.speech.setLanguage("klingon");
    CHECK(rig.speech.language() == "fr");
}
