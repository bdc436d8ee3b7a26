// The on-screen keyboard (the terminal has no physical one): AZERTY with the French
// accented letters, or a numeric pad for numeric fields. It edits the field's own buffer
// in place — no copy of what the resident types is ever made — and is drawn as an overlay
// whose keys are ordinary focusable widgets (keypad-navigable, spoken by the speech area).
#pragma once

#include <string>
#include <string_view>

#include "ui/core/input.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {

class OnScreenKeyboard {
public:
    void open(std::string_view fieldId, std::string_view label, std::string& buffer, FieldKind kind,
              std::size_t maxLength);
    void close();
    bool isOpen() const { return buffer_ != nullptr; }
    const std::string& fieldId() const { return fieldId_; }
    FieldKind kind() const { return kind_; }

    // Input that bypasses the keys (a development keyboard, the scenario `type` step).
    void typeText(std::string_view utf8);
    void erase();  // removes the last character (a whole UTF-8 sequence)
    // Digits/Delete/Back/Space from the keypad while open; true if used.
    bool handleKey(Key key);
    // Draws the overlay; true when the resident closed it (Valider or Fermer).
    bool draw(UiContext& ctx);
    // The session ended: forget the buffer (its owner wipes it).
    void reset() { close(); }

private:
    void insert(std::string_view utf8);
    std::string* buffer_ = nullptr;
    std::string fieldId_;
    std::string label_;
    FieldKind kind_ = FieldKind::Text;
    std::size_t maxLength_ = 0;
    bool shift_ = false;
};

// Grows `s` to hold `capacity` bytes without leaving a copy of its old contents in freed
// memory (std::string's own growth would).
void secureReserve(std::string& s, std::size_t capacity);
std::size_t utf8Length(std::string_view s);

}  // namespace guichet::ui
