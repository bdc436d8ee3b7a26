// The per-frame accessibility tree: every widget a screen draws declares here what it is
// (role), what it says (label, value, state, hint) and where it is. Speech reads it, the
// keypad focus logic walks it, headless tests query it. Rebuilt each frame by the UI;
// the core never depends on ImGui to know what is on screen.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::a11y {

enum class Role {
    Heading, Text, Image, Button, Toggle, TextField, Choice, Checkbox, Key, Alert, Progress, Link,
};

const char* roleName(Role role);           // "button", "toggle", … (stable, for tests/logs)
const char* roleSpokenFr(Role role);       // "Bouton", "Interrupteur", … (what speech says)

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct Node {
    std::string id;              // stable ImGui-style id, e.g. "Valider##review"
    Role role = Role::Text;
    std::string label;           // what the control says ("Demander un acte de naissance")
    std::string value;           // current value of a field or choice ("" if none)
    std::string hint;            // how to use it / what happens ("Touchez pour commencer")
    std::optional<bool> checked; // toggles and checkboxes: on/off
    bool focusable = false;
    bool focused = false;
    bool disabled = false;
    bool masked = false;         // PIN, codes: value never spoken nor shown (A3)
    bool personal = false;       // value is personal data: spoken only through a headset (A3)
    bool visible = true;         // false: scrolled out of view (focus can still reach it)
    int positionInSet = 0;       // 1-based among focusable siblings; 0 = unknown
    int setSize = 0;
    Rect rect;                   // screen pixels
};

class Tree {
public:
    // Starts a new frame for `screenId` ("home", "wizard.step2"); title and instruction are
    // what speech announces on entering the screen.
    void beginFrame(std::string screenId, std::string title, std::string instruction);
    void add(Node node);
    void endFrame();  // numbers focusable nodes (positionInSet / setSize)

    const std::string& screenId() const { return screenId_; }
    const std::string& title() const { return title_; }
    const std::string& instruction() const { return instruction_; }
    // The screen's texts carry personal data (the review of answers, the receipt): speech
    // reads them only through a headset (A3). Reset by beginFrame.
    void markPersonalContent() { personalContent_ = true; }
    bool personalContent() const { return personalContent_; }
    const std::vector<Node>& nodes() const { return nodes_; }

    const Node* focused() const;
    const Node* findById(std::string_view id) const;
    // First node whose label (or, failing that, value) contains `text`; visible texts count.
    const Node* findByText(std::string_view text) const;
    std::vector<const Node*> focusable() const;

    // Wipes every string (they may carry what a resident typed) and empties the tree.
    void wipe();

private:
    std::string screenId_, title_, instruction_;
    std::vector<Node> nodes_;
    bool personalContent_ = false;
};

}  // namespace guichet::a11y
