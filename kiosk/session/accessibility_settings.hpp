// The resident's accessibility choices for one session (A8, A9, A12, A24 and speech):
// set from the first screen, read by the theme and the layout, reset when the session ends.
#pragma once

#include <string>
#include <string_view>

namespace guichet {

enum class TextSize { Standard, Large150, Large200 };
enum class FontChoice { Sans, Dyslexia, Literacy };  // Noto Sans, OpenDyslexic, Andika

struct AccessibilitySettings {
    TextSize textSize = TextSize::Standard;
    bool highContrast = false;
    bool reach = false;        // every control in the lower part of a tall screen
    FontChoice font = FontChoice::Sans;
    bool speech = false;       // owned by the speech area; the session only resets it

    float textScale() const {
        return textSize == TextSize::Large200 ? 2.0f : textSize == TextSize::Large150 ? 1.5f : 1.0f;
    }
    // Any departure from the defaults: timeouts get longer (A18).
    bool anyActive() const {
        return textSize != TextSize::Standard || highContrast || reach || font != FontChoice::Sans || speech;
    }
    bool operator==(const AccessibilitySettings&) const = default;
};

const char* textSizeName(TextSize size);    // "standard", "large-150", "large-200"
const char* fontChoiceName(FontChoice f);   // "sans", "dyslexia", "literacy"

}  // namespace guichet
