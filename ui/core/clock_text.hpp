// The date and time the header shows ("Vendredi 28 novembre", "14:32"), in the current
// language, and when the shown minute next changes (the UI wakes then, once a minute).
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace guichet::ui {

std::string dateText(std::time_t when);   // "Vendredi 28 novembre"
std::string timeText(std::time_t when);   // "14:32"
// Milliseconds until the next minute starts (at least 1).
long long msToNextMinute(std::chrono::system_clock::time_point now);

}  // namespace guichet::ui
