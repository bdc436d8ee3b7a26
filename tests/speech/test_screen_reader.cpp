#include <catch2/catch.hpp>

#include "kiosk/speech/screen_reader.hpp"
#include "speech_test_trees.hpp"

using namespace guichet::speech;
using namespace speech_test;

namespace {
std::vector<std::string> texts(const std::vector<Announcement>& a) {
    std::vector<std::string> out;
    for (auto& x : a) out.push_back(x.utterance.text);
    return out;
}
bool anyContains(const std::vector<Announcement>& a, const std::string& s, bool log = false) {
    for (auto& x : a)
        if ((log ? x.utterance.logText : x.utterance.text).find(s) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("speech.reader entering a screen says its title and instruction, then the focused control") {
    ScreenReader reader;
    Tree t;
    homeScreen(t, 1);
    auto a = reader.onFrame(t);
    REQUIRE(a.size() == 2);
    CHECK(a[0].utterance.text == "Bienvenue à la mairie. Choisissez une démarche.");
    CHECK(a[0].interrupt);
    CHECK(a[1].utterance.text == "Bouton, Demander un acte de naissance, 1 sur 9");
    CHECK_FALSE(a[1].interrupt);
    CHECK(a[1].utterance.language == "fr");
}

TEST_CASE("speech.reader an unchanged frame says nothing, a focus move says only the new control") {
    ScreenReader reader;
    Tree t;
    homeScreen(t, 1);
    reader.onFrame(t);
    homeScreen(t, 1);
    CHECK(reader.onFrame(t).empty());
    homeScreen(t, 2);
    auto a = reader.onFrame(t);
    REQUIRE(texts(a) == std::vector<std::string>{"Bouton, Demander un acte de mariage, 2 sur 9"});
    CHECK(a[0].interrupt);  // any focus change cuts off what was being said
}

TEST_CASE("speech.reader a screen's first focus, a frame after its title, queues behind the title") {
    // On home the focus lands one frame after the screen appears; interrupting there cut
    // the title off before a resident heard it (found by the keypad-only audit).
    ScreenReader reader;
    Tree t;
    homeScreen(t, 0);  // no focus yet
    auto entering = reader.onFrame(t);
    REQUIRE_FALSE(entering.empty());
    CHECK(entering[0].interrupt);  // a new screen cuts off the previous one
    homeScreen(t, 1);
    auto a = reader.onFrame(t);
    REQUIRE(texts(a) == std::vector<std::string>{"Bouton, Demander un acte de naissance, 1 sur 9"});
    CHECK_FALSE(a[0].interrupt);
    homeScreen(t, 2);  // a move from one control to another still cuts off the previous one
    auto moved = reader.onFrame(t);
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].interrupt);
}

TEST_CASE("speech.reader a text that appears by itself queues behind what is being said") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](bool printed) {
        t.beginFrame("done", "Demande enregistrée", "Gardez votre reçu.");
        if (printed) {
            Node n;
            n.id = "printed";
            n.role = Role::Text;
            n.label = "Votre reçu est imprimé.";
            t.add(n);
        }
        t.endFrame();
        return reader.onFrame(t);
    };
    frame(false);
    auto a = frame(true);
    REQUIRE(texts(a) == std::vector<std::string>{"Votre reçu est imprimé."});
    CHECK_FALSE(a[0].interrupt);
}

TEST_CASE("speech.reader a toggle says its new state when switched") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](bool on) {
        t.beginFrame("home", "Bienvenue", "");
        Node n;
        n.id = "large";
        n.role = Role::Toggle;
        n.label = "Grands caractères";
        n.checked = on;
        n.focusable = n.focused = true;
        t.add(n);
        t.endFrame();
        return reader.onFrame(t);
    };
    auto first = frame(false);
    CHECK(anyContains(first, "Interrupteur, Grands caractères, désactivé, 1 sur 1"));
    CHECK(texts(frame(true)) == std::vector<std::string>{"activé"});
    CHECK(frame(true).empty());
    CHECK(texts(frame(false)) == std::vector<std::string>{"désactivé"});
}

TEST_CASE("speech.reader errors are spoken once with their fix, and a new error again") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](const char* error) {
        t.beginFrame("form", "Vos coordonnées", "Remplissez les champs.");
        t.add(field("mail", "Adresse électronique", "jean@", true));
        if (error) {
            Node n;
            n.id = "err.mail";
            n.role = Role::Alert;
            n.label = error;
            n.hint = "Vérifiez qu'elle contient un point après l'arobase.";
            t.add(n);
        }
        t.endFrame();
        return reader.onFrame(t);
    };
    frame(nullptr);
    auto a = frame("Adresse électronique incomplète");
    REQUIRE(a.size() == 1);
    CHECK(a[0].utterance.text == "Alerte. Adresse électronique incomplète. Vérifiez qu'elle contient un point après l'arobase.");
    CHECK(a[0].interrupt);
    CHECK(frame("Adresse électronique incomplète").empty());
    CHECK(anyContains(frame("Adresse électronique refusée"), "refusée"));
    CHECK(frame(nullptr).empty());
}

TEST_CASE("speech.reader masked entries are never spoken, not on focus, typing or reading all") {
    ScreenReader reader;
    reader.setHeadsetOutput(true);  // even through a headset
    Tree t;
    std::vector<Announcement> all;
    for (std::string pin : {"", "4", "47", "479", "4798", "479"}) {
        t.beginFrame("pin", "Code confidentiel", "Tapez votre code.");
        Node n = field("pin", "Code", pin, true);
        n.masked = true;
        t.add(n);
        t.endFrame();
        auto a = reader.onFrame(t);
        all.insert(all.end(), a.begin(), a.end());
        for (auto& u : reader.readScreen(t)) all.push_back({u, false});
        all.push_back({reader.describe(n), false});
    }
    for (auto& a : all) {
        for (const char* secret : {"4", "7", "9", "8"}) {
            CHECK(a.utterance.text.find(secret) == std::string::npos);
            CHECK(a.utterance.logText.find(secret) == std::string::npos);
        }
    }
    CHECK(anyContains(all, "étoile"));   // each key still gives a sound
    CHECK(anyContains(all, "effacé"));   // and a deletion too
    CHECK(anyContains(all, "saisie protégée"));
}

TEST_CASE("speech.reader personal values are spoken only through a headset and never logged") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](const std::string& v) {
        t.beginFrame("identity", "Votre identité", "");
        Node n = field("name", "Nom", v, true);
        n.personal = true;
        t.add(n);
        t.endFrame();
        return reader.onFrame(t);
    };
    auto speakers = frame("Dupont");
    CHECK_FALSE(anyContains(speakers, "Dupont"));
    CHECK(anyContains(speakers, "branchez un casque"));
    CHECK(texts(frame("Duponte")) == std::vector<std::string>{"étoile"});  // typed letters are personal too
    reader.setHeadsetOutput(true);
    reader.reset();
    auto headset = frame("Dupont");
    CHECK(anyContains(headset, "Champ de saisie, Nom, Dupont, 1 sur 1"));
    CHECK_FALSE(anyContains(headset, "Dupont", /*log=*/true));
    CHECK(anyContains(headset, "[donnée personnelle]", true));
}

TEST_CASE("speech.reader typing feedback: appended letter, multi-tap replacement, deletion, space") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](const std::string& v) {
        t.beginFrame("street", "Signaler un problème", "");
        t.add(field("where", "Rue", v, true));
        t.endFrame();
        return texts(reader.onFrame(t));
    };
    frame("");
    CHECK(frame("R") == std::vector<std::string>{"R"});
    CHECK(frame("Ru") == std::vector<std::string>{"u"});
    CHECK(frame("Rv") == std::vector<std::string>{"v"});   // multi-tap cycled u -> v
    CHECK(frame("Rvé") == std::vector<std::string>{"é"});  // UTF-8 character
    CHECK(frame("Rv") == std::vector<std::string>{"effacé"});
    CHECK(frame("Rv ") == std::vector<std::string>{"espace"});
    CHECK(frame("Rue de la Paix") == std::vector<std::string>{"Rue de la Paix"});  // filled at once
}

TEST_CASE("speech.reader keyboard keys say just the key") {
    ScreenReader reader;
    Tree t;
    t.beginFrame("kbd", "Clavier", "");
    Node k;
    k.id = "key.a";
    k.role = Role::Key;
    k.label = "A";
    k.focusable = k.focused = true;
    t.add(k);
    Node sp = k;
    sp.id = "key.space";
    sp.label = " ";
    sp.focused = false;
    t.add(sp);
    t.endFrame();
    reader.onFrame(t);
    CHECK(reader.describe(*t.findById("key.a")).text == "A");
    CHECK(reader.describe(*t.findById("key.space")).text == "espace");
}

TEST_CASE("speech.reader the confirmation page reads every text on entry") {
    ScreenReader reader;
    Tree t;
    t.beginFrame("confirmation", "Demande enregistrée", "Voici votre reçu.");
    for (auto line : {"Mairie de Villeneuve", "Acte de naissance", "Référence : AB12-7", "Merci de votre visite"})
        t.add(text(line));
    t.add(button("print", "Imprimer le reçu", true));
    t.endFrame();
    auto a = texts(reader.onFrame(t));
    REQUIRE(a.size() == 6);
    CHECK(a[0] == "Demande enregistrée. Voici votre reçu.");
    CHECK(a[1] == "Mairie de Villeneuve");
    CHECK(a[3] == "Référence : AB12-7");
    CHECK(a[5] == "Bouton, Imprimer le reçu, 1 sur 1");
}

TEST_CASE("speech.reader the words around labels follow the language") {
    ScreenReader reader;
    reader.setLanguage("en");
    Tree t;
    t.beginFrame("home", "Welcome", "Choose a procedure.");
    t.add(button("a", "Birth certificate", true));
    t.add(button("b", "Report a problem"));
    t.endFrame();
    auto a = reader.onFrame(t);
    REQUIRE(a.size() == 2);
    CHECK(a[1].utterance.text == "Button, Birth certificate, 1 of 2");
    CHECK(a[1].utterance.language == "en");
    reader.setLanguage("de");
    CHECK(reader.describe(*t.findById("b")).text == "Schaltfläche, Report a problem, 2 von 2");
}

TEST_CASE("speech.reader disabled controls say so, a control becoming available is re-announced") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](bool disabled) {
        t.beginFrame("review", "Vérification", "");
        Node b = button("submit", "Envoyer", true);
        b.disabled = disabled;
        b.hint = "Envoie votre demande à la mairie";
        t.add(b);
        t.endFrame();
        return texts(reader.onFrame(t));
    };
    auto a = frame(true);
    REQUIRE(a.size() == 2);
    CHECK(a[1] == "Bouton, Envoyer, indisponible, 1 sur 1. Envoie votre demande à la mairie");
    CHECK(frame(false) == std::vector<std::string>{"Bouton, Envoyer, 1 sur 1. Envoie votre demande à la mairie"});
}

#include "kiosk/speech/speech_audit.hpp"

TEST_CASE("speech.audit finds a missing title, unlabelled controls and raw ids") {
    Tree t;
    homeScreen(t, 1);
    CHECK(guichet::speech::auditForSpeech(t).empty());
    t.beginFrame("broken", "  ", "");
    t.add(button("ok", ""));
    t.add(button("next", "##next"));
    Node k;
    k.id = "key.space";
    k.role = Role::Key;
    k.label = " ";  // the space key is labelled by a space: fine, speech says "espace"
    k.focusable = true;
    t.add(k);
    t.add(text(""));  // not focusable: not audited
    t.endFrame();
    auto p = guichet::speech::auditForSpeech(t);
    REQUIRE(p.size() == 3);
    CHECK(p[0] == "screen 'broken': no title to announce");
    CHECK(p[1] == "screen 'broken': control 'ok' (button) has no spoken label");
    CHECK(p[2].find("'next' would be spoken as its id") != std::string::npos);
}

TEST_CASE("speech.reader the on-screen keyboard: the edited field is named, then each typed character") {
    ScreenReader reader;
    reader.setHeadsetOutput(true);
    Tree t;
    auto frame = [&](bool open, const std::string& value, const char* focusKey) {
        t.beginFrame("form", "Vos coordonnées", "Remplissez les champs.");
        t.add(field("name", "Nom", value, !open));
        if (open) {
            Node display = field("keyboard:field", "Nom", value);
            display.focusable = false;
            display.personal = true;
            t.add(display);
            for (const char* k : {"a", "b", "c"}) {
                Node key;
                key.id = std::string("key:") + k;
                key.role = Role::Key;
                key.label = k;
                key.focusable = true;
                key.focused = focusKey && std::string(focusKey) == k;
                t.add(key);
            }
        }
        t.endFrame();
        return texts(reader.onFrame(t));
    };
    frame(false, "", nullptr);
    auto opened = frame(true, "", "a");
    REQUIRE(opened.size() == 2);
    CHECK(opened[0] == "Champ de saisie, Nom, vide");
    CHECK(opened[1] == "a");
    CHECK(frame(true, "a", "a") == std::vector<std::string>{"a"});
    CHECK(frame(true, "a", "b") == std::vector<std::string>{"b"});
    CHECK(frame(true, "ab", "b") == std::vector<std::string>{"b"});
    reader.setHeadsetOutput(false);
    CHECK(frame(true, "abc", "b") == std::vector<std::string>{"étoile"});  // personal: not on speakers
}

TEST_CASE("speech.reader an alert's message and value are both spoken, without doubled punctuation") {
    ScreenReader reader;
    Tree t;
    t.beginFrame("idle-warning", "Besoin de plus de temps ?", "Appuyez sur Entrée.");
    Node a;
    a.id = "idle-warning";
    a.role = Role::Alert;
    a.label = "Besoin de plus de temps ?";
    a.value = "La session se termine dans 60 secondes.";
    t.add(a);
    t.add(button("extend", "Oui, continuer", true));
    t.endFrame();
    auto said = texts(reader.onFrame(t));
    REQUIRE(said.size() == 3);
    CHECK(said[0] == "Besoin de plus de temps ? Appuyez sur Entrée.");
    CHECK(said[1] == "Alerte. Besoin de plus de temps ? La session se termine dans 60 secondes.");
    CHECK(said[2] == "Bouton, Oui, continuer, 1 sur 1");
}

TEST_CASE("speech.reader a toggle showing its state as value does not say it twice") {
    ScreenReader reader;
    Node n;
    n.id = "speech";
    n.role = Role::Toggle;
    n.label = "Lecture à voix haute";
    n.value = "Activé";
    n.checked = true;
    n.positionInSet = 8;
    n.setSize = 13;
    CHECK(reader.describe(n).text == "Interrupteur, Lecture à voix haute, activé, 8 sur 13");
    n.value = "Réglage conseillé";
    CHECK(reader.describe(n).text == "Interrupteur, Lecture à voix haute, Réglage conseillé, activé, 8 sur 13");
}

TEST_CASE("speech.reader a text that appears on the same screen is said (an error under a question)") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](bool error) {
        t.beginFrame("wizard", "Acte de naissance", "Étape 2 sur 4 : la personne");
        t.add(text("Indiquez la date de naissance."));
        t.add(field("date", "Date de naissance", "31/02/1990", true));
        if (error) t.add(text("À corriger : cette date n'existe pas. Vérifiez le jour et le mois."));
        t.endFrame();
        return texts(reader.onFrame(t));
    };
    auto first = frame(false);
    REQUIRE(first.size() == 3);
    CHECK(first[0] == "Acte de naissance. Étape 2 sur 4 : la personne");
    CHECK(first[1] == "Indiquez la date de naissance.");
    CHECK(frame(true) == std::vector<std::string>{"À corriger : cette date n'existe pas. Vérifiez le jour et le mois."});
    CHECK(frame(true).empty());
}

TEST_CASE("speech.reader a new page of the same screen is announced (the instruction changed)") {
    ScreenReader reader;
    Tree t;
    t.beginFrame("wizard", "Acte de naissance", "Étape 1 sur 4 : vous");
    t.add(button("next", "Continuer", true));
    t.endFrame();
    reader.onFrame(t);
    t.beginFrame("wizard", "Acte de naissance", "Étape 2 sur 4 : la personne");
    t.add(button("next", "Continuer", true));
    t.endFrame();
    auto a = texts(reader.onFrame(t));
    REQUIRE(a.size() == 2);
    CHECK(a[0] == "Acte de naissance. Étape 2 sur 4 : la personne");
    CHECK(a[1] == "Bouton, Continuer, 1 sur 1");
}

TEST_CASE("speech.reader a personal page (review, receipt) is read only through a headset, redacted in the log") {
    ScreenReader reader;
    Tree t;
    auto frame = [&] {
        t.beginFrame("wizard", "Acte de naissance", "Votre demande est enregistrée.");
        t.markPersonalContent();
        t.add(text("Nom : Dupont"));
        t.add(text("Référence : AB12-7"));
        t.add(button("finish", "Terminer", true));
        t.endFrame();
        return reader.onFrame(t);
    };
    auto speakers = frame();
    CHECK_FALSE(anyContains(speakers, "Dupont"));
    CHECK(anyContains(speakers, "branchez un casque"));
    CHECK(anyContains(speakers, "Bouton, Terminer"));
    reader.setHeadsetOutput(true);
    reader.reset();
    auto headset = frame();
    CHECK(anyContains(headset, "Nom : Dupont"));
    CHECK(anyContains(headset, "Référence : AB12-7"));
    CHECK_FALSE(anyContains(headset, "Dupont", /*log=*/true));
    t.beginFrame("home", "Accueil", "");
    t.endFrame();
    CHECK_FALSE(t.personalContent());  // reset with each frame
}

TEST_CASE("speech.reader texts hidden under an overlay and shown again are not repeated") {
    ScreenReader reader;
    Tree t;
    auto frame = [&](bool overlay) {
        t.beginFrame("wizard", "Signaler", "Étape 2 sur 4 : Où ?");
        if (!overlay) t.add(text("Donnez une adresse."));
        t.add(button("next", "Continuer", true));
        t.endFrame();
        return texts(reader.onFrame(t));
    };
    frame(false);
    CHECK(frame(true).empty());
    CHECK(frame(false).empty());
}
