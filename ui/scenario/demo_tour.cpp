#include "ui/scenario/demo_tour.hpp"

#include <map>
#include <utility>

#include "ui/scenario/scenario.hpp"

namespace guichet::ui {

namespace {
std::multimap<int, std::pair<std::string, std::string>>& chapters() {
    static std::multimap<int, std::pair<std::string, std::string>> m;
    return m;
}

// Home in every mode, in one orientation; `o` names the orientation in the file names.
std::string homeInEveryMode(const std::string& o) {
    std::string s;
    auto shot = [&](const std::string& mode, const std::string& name) {
        s += "mode standard\n";
        if (!mode.empty()) s += "mode " + mode + "\n";
        s += "shot home-" + name + "-" + o + "\n";
    };
    shot("", "standard");
    shot("large-text", "large-text-150");
    shot("large-text-200", "large-text-200");
    shot("high-contrast", "high-contrast");
    shot("large-text high-contrast", "large-text-high-contrast");
    shot("reach", "reach");
    shot("dyslexia", "dyslexia");
    shot("literacy", "literacy");
    s += "mode standard\n";
    return s;
}
}  // namespace

bool registerDemoChapter(int order, std::string name, std::string scenarioText) {
    chapters().emplace(order, std::make_pair(std::move(name), std::move(scenarioText)));
    return true;
}

std::string demoTourScenario() {
    std::string all;
    for (const auto& [order, chapter] : chapters()) {
        all += "# --- " + chapter.first + "\n";
        all += "size 1920x1080\nmode standard\nexpect-screen attract\n";
        all += chapter.second;
        all += "\n";
    }
    return all;
}

GUICHET_DEMO_CHAPTER(10, "attract and home, every mode, both orientations",
                     "shot attract-landscape\n"
                     "tap \"Touchez l'écran pour commencer\"\n"
                     "expect-screen home\n" +
                         homeInEveryMode("landscape") +
                         "tap \"Accessibilité\"\n"
                         "shot accessibility-landscape\n"
                         "tap \"Grand\"\n"
                         "tap \"Contraste élevé\"\n"
                         "shot accessibility-large-high-contrast-landscape\n"
                         "tap \"Revenir aux réglages normaux\"\n"
                         "tap \"C'est bon\"\n"
                         "tap \"English\"\n"
                         "shot home-english-landscape\n"
                         "tap \"Français\"\n"
                         "open information\n"
                         "shot information-landscape\n"
                         "key help\n"
                         "shot help-landscape\n"
                         "key back\n"
                         "tap \"Accueil\"\n"
                         "open shell.sample-form\n"
                         "tap \"Nom de naissance\"\n"
                         "type \"Dupré\"\n"
                         "shot keyboard-landscape\n"
                         "tap \"Valider\"\n"
                         "tap \"Code postal\"\n"
                         "type \"75012\"\n"
                         "shot keypad-landscape\n"
                         "tap \"Valider\"\n"
                         "tap \"Accueil\"\n"
                         "end-session\n"
                         "size 1080x1920\n"
                         "shot attract-portrait\n"
                         "tap \"Touchez l'écran pour commencer\"\n" +
                         homeInEveryMode("portrait") +
                         "mode reach\n"
                         "tap \"Accessibilité\"\n"
                         "shot accessibility-reach-portrait\n"
                         "tap \"C'est bon\"\n"
                         "advance 1h\n"
                         "expect \"Besoin de plus de temps\"\n"
                         "shot idle-warning-reach-portrait\n"
                         "tap \"Oui, continuer\"\n"
                         "expect-screen home\n"
                         "mode standard\n"
                         "size 1920x1080\n"
                         "advance 1h\n"
                         "shot idle-warning-landscape\n"
                         "tap \"Non, terminer maintenant\"\n"
                         "expect-screen attract\n");

}  // namespace guichet::ui
