// The built-in accessibility modes, by the names the first screen, the scenario `mode`
// step and the demo use. Modes add up ("large-text" then "high-contrast"); "standard"
// returns to the defaults.
#include "kiosk/session/session.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui {
namespace {
AccessibilitySettings& s(UiContext& ctx) { return ctx.session.settings(); }
}  // namespace

GUICHET_MODE("standard", [](UiContext& ctx) { s(ctx) = AccessibilitySettings{}; });
GUICHET_MODE("large-text", [](UiContext& ctx) { s(ctx).textSize = TextSize::Large150; });
GUICHET_MODE("large-text-150", [](UiContext& ctx) { s(ctx).textSize = TextSize::Large150; });
GUICHET_MODE("large-text-200", [](UiContext& ctx) { s(ctx).textSize = TextSize::Large200; });
GUICHET_MODE("high-contrast", [](UiContext& ctx) { s(ctx).highContrast = true; });
GUICHET_MODE("reach", [](UiContext& ctx) { s(ctx).reach = true; });
GUICHET_MODE("dyslexia", [](UiContext& ctx) { s(ctx).font = FontChoice::Dyslexia; });
GUICHET_MODE("literacy", [](UiContext& ctx) { s(ctx).font = FontChoice::Literacy; });

}  // namespace guichet::ui
