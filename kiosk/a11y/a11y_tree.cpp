#include "kiosk/a11y/a11y_tree.hpp"

#include "drivers/common/bytes.hpp"

namespace guichet::a11y {

const char* roleName(Role role) {
    switch (role) {
        case Role::Heading: return "heading";
        case Role::Text: return "text";
        case Role::Image: return "image";
        case Role::Button: return "button";
        case Role::Toggle: return "toggle";
        case Role::TextField: return "text-field";
        case Role::Choice: return "choice";
        case Role::Checkbox: return "checkbox";
        case Role::Key: return "key";
        case Role::Alert: return "alert";
        case Role::Progress: return "progress";
        case Role::Link: return "link";
    }
    return "unknown";
}

const char* roleSpokenFr(Role role) {
    switch (role) {
        case Role::Heading: return "Titre";
        case Role::Text: return "Texte";
        case Role::Image: return "Image";
        case Role::Button: return "Bouton";
        case Role::Toggle: return "Interrupteur";
        case Role::TextField: return "Champ de saisie";
        case Role::Choice: return "Choix";
        case Role::Checkbox: return "Case à cocher";
        case Role::Key: return "Touche";
        case Role::Alert: return "Alerte";
        case Role::Progress: return "Progression";
        case Role::Link: return "Lien";
    }
    return "";
}

void Tree::beginFrame(std::string screenId, std::string title, std::string instruction) {
    screenId_ = std::move(screenId);
    title_ = std::move(title);
    instruction_ = std::move(instruction);
    personalContent_ = false;
    // Values may hold what a resident typed: overwrite them before their memory is reused
    // or released (a copy is made every frame).
    for (auto& n : nodes_)
        if (!n.value.empty()) secureWipe(n.value);
    nodes_.clear();  // keeps capacity: an idle frame allocates nothing new
}

void Tree::add(Node node) { nodes_.push_back(std::move(node)); }

void Tree::endFrame() {
    int count = 0;
    for (const auto& n : nodes_) count += n.focusable ? 1 : 0;
    int index = 0;
    for (auto& n : nodes_) {
        if (!n.focusable) continue;
        n.positionInSet = ++index;
        n.setSize = count;
    }
}

const Node* Tree::focused() const {
    for (const auto& n : nodes_)
        if (n.focused) return &n;
    return nullptr;
}

const Node* Tree::findById(std::string_view id) const {
    for (const auto& n : nodes_)
        if (n.id == id) return &n;
    return nullptr;
}

const Node* Tree::findByText(std::string_view text) const {
    for (const auto& n : nodes_)
        if (n.label.find(text) != std::string::npos) return &n;
    for (const auto& n : nodes_)
        if (!n.masked && n.value.find(text) != std::string::npos) return &n;
    return nullptr;
}

std::vector<const Node*> Tree::focusable() const {
    std::vector<const Node*> out;
    for (const auto& n : nodes_)
        if (n.focusable) out.push_back(&n);
    return out;
}

void Tree::wipe() {
    for (auto& n : nodes_) {
        secureWipe(n.label);
        secureWipe(n.value);
        secureWipe(n.hint);
    }
    nodes_.clear();
    secureWipe(title_);
    secureWipe(instruction_);
}

}  // namespace guichet::a11y
