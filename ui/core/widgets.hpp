// The widgets screens are built from. Each one draws large and clear, reacts to touch and
// to keypad focus (Enter), and declares itself to the accessibility tree (role, label,
// value, state, hint, rect) — so speech and tests see exactly what is on screen.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "kiosk/a11y/a11y_tree.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui {

enum class ButtonKind { Primary, Secondary, Accent, Tile, Chip, Key, Quiet, Link };

struct ButtonStyle {
    ButtonKind kind = ButtonKind::Secondary;
    std::string_view icon;        // icon name, drawn left of the label (tiles: large)
    bool selected = false;        // chips: the current language; shown by a check mark too
    bool disabled = false;
    std::string_view hint;        // spoken after the label ("Touchez pour commencer")
    a11y::Role role = a11y::Role::Button;
    std::optional<bool> checked;  // toggles
    std::string_view value;       // spoken value (a toggle's "activé")
    ImFont* font = nullptr;       // default: bold
    bool answer = false;          // an answer to a question (Chip + Choice/Checkbox role): a big radio / check mark
    std::string_view shown;       // drawn instead of the label when shorter ("Modifier" for "Modifier : Nom")
    bool hideLabel = false;       // the label is only spoken (a drawn symbol says it on screen)
};

// A control at an absolute rectangle (grids, tiles, bars). Returns true when activated
// (tap released on it, or Enter while focused).
bool button(UiContext& ctx, const char* id, std::string_view label, ImVec2 pos, ImVec2 size,
            const ButtonStyle& style = {});
// A full-width (or `width`) button in the flow of the page body; height fits the text.
bool bigButton(UiContext& ctx, const char* id, std::string_view label, const ButtonStyle& style = {},
               float width = 0);
// An on/off switch with its state in words and a mark, never colour alone (A9, A15).
bool toggle(UiContext& ctx, const char* id, std::string_view label, bool& value, std::string_view hint = {});

// Amount: digits and one decimal comma ("42,50"), on a numeric pad with a comma key.
enum class FieldKind { Text, Number, Phone, Secret, Amount };
// A text field whose value lives in `buffer` (a Session::field so it is wiped at the end).
// Touching it (or Enter) opens the on-screen keyboard on that buffer.
struct FieldExtras {
    std::string_view example;       // "14/07/1952": "Exemple : 14/07/1952" under the label, never inside the box
    std::string_view error;         // shown between label and box; the box is outlined in the error colour
    // How the value reads in the box (a date's digits as "14/07/19"); null: as typed.
    std::string (*display)(const std::string& value) = nullptr;
};
void textField(UiContext& ctx, const char* id, std::string_view label, std::string& buffer,
               FieldKind kind = FieldKind::Text, std::string_view hint = {}, std::size_t maxLength = 120,
               const FieldExtras& extras = {});

// An error next to its field: an icon, the message in the error colour, a bar that marks
// the field; declared as an alert. `notEligible`: not a mistake to correct but something
// the resident may not ask here: an information mark, plain text.
void fieldError(UiContext& ctx, const std::string& fieldId, std::string_view message, bool notEligible = false);
// The error summary at the top of a page: how many answers to correct, each named.
void errorSummary(UiContext& ctx, const std::vector<std::string>& questions);

// The reference a resident must keep: the largest text of the page, in a framed box,
// centred, readable from a metre. Focusable (keypad focus starts here, speech reads it),
// activating nothing.
// `spoken`, when given, is what speech reads instead of "caption : reference" (an amount
// reads better as "42 euros 50" than as "42,50 €").
void referenceBox(UiContext& ctx, const char* id, std::string_view caption, std::string_view reference,
                  std::string_view spoken = {});
// A status line in full contrast and bold ("Votre reçu est imprimé. Prenez-le sous l'écran.").
void statusLine(UiContext& ctx, std::string_view text, std::string_view icon = {});

void heading(UiContext& ctx, std::string_view text);
void paragraph(UiContext& ctx, std::string_view text, bool muted = false);
void spacing(UiContext& ctx, float designPixels = 24);

// Drawing helpers shared with the overlays.
void drawFocusRing(UiContext& ctx, ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding);
// Draws text wrapped to `width`, each line centred when `center`; returns its height.
float drawWrappedText(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, ImU32 color, std::string_view text,
                      bool center);
ImVec2 measureWrappedText(ImFont* font, float width, std::string_view text);
// Words drawWrappedText had to cut because they did not fit their box ("Accessibili/té"):
// reset by the shell every frame, read by the window tests' layout audit (--a11y-dump).
struct BrokenWord {
    std::string word;
    float x = 0, y = 0;
};
std::vector<BrokenWord>& brokenWordsThisFrame();
// The scale (0.5 .. 1) at which `text` wraps in `width` without breaking a word: a label
// wider than its box is drawn smaller rather than cut ("Accessibili/té").
float wordFitScale(ImFont* font, float width, std::string_view text);
inline ImU32 col(Rgb c, std::uint8_t a = 255) { return c.abgr(a); }

}  // namespace guichet::ui
