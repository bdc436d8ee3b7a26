// The console's one widget: a status row — what (the printer), its state in a word on a
// coloured label (green OK, amber to watch, red failing: colour AND word, A9), and a detail
// line; declared to the accessibility tree as one sentence. Plus the number formats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ui/core/ui_context.hpp"

namespace guichet::ui::console_ui {

enum class Level { Ok, Watch, Failing, Neutral };

void statusRow(UiContext& ctx, std::string_view what, std::string_view state, Level level, std::string_view detail = {});

// "45 s", "12 min", "3 h 05 min", "2 j" (translated units).
std::string durationText(std::int64_t seconds);
// "12,3 Go" (French decimal comma in every language: the agent's own screen).
std::string gigabytes(std::uintmax_t bytes);

}  // namespace guichet::ui::console_ui
