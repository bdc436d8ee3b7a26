// Synthetic accessibility trees for the speech tests: what the UI would build each frame.
#pragma once

#include <string>
#include <vector>

#include "kiosk/a11y/a11y_tree.hpp"

namespace speech_test {

using guichet::a11y::Node;
using guichet::a11y::Role;
using guichet::a11y::Tree;

inline Node button(std::string id, std::string label, bool focused = false) {
    Node n;
    n.id = std::move(id);
    n.role = Role::Button;
    n.label = std::move(label);
    n.focusable = true;
    n.focused = focused;
    return n;
}

inline Node field(std::string id, std::string label, std::string value, bool focused = false) {
    Node n;
    n.id = std::move(id);
    n.role = Role::TextField;
    n.label = std::move(label);
    n.value = std::move(value);
    n.focusable = true;
    n.focused = focused;
    return n;
}

inline Node text(std::string label) {
    Node n;
    n.id = label;
    n.role = Role::Text;
    n.label = std::move(label);
    return n;
}

// The home screen: 9 procedure buttons, `focus` (1-based, 0 = none) focused.
inline void homeScreen(Tree& t, int focus) {
    static const char* labels[] = {"Demander un acte de naissance", "Demander un acte de mariage", "Signaler un problème",
                                   "Prendre rendez-vous", "Payer une facture", "Donner votre avis",
                                   "Inscription sur les listes électorales", "Carte d'identité", "Accessibilité"};
    t.beginFrame("home", "Bienvenue à la mairie", "Choisissez une démarche.");
    for (int i = 0; i < 9; ++i) t.add(button("proc" + std::to_string(i + 1), labels[i], focus == i + 1));
    t.endFrame();
}

}  // namespace speech_test
