#include "ui/core/clock_text.hpp"

#include <cstdio>

#include "kiosk/i18n/i18n.hpp"

namespace guichet::ui {

namespace {
const char* const kDays[] = {N_("Dimanche"), N_("Lundi"), N_("Mardi"), N_("Mercredi"), N_("Jeudi"), N_("Vendredi"), N_("Samedi")};
const char* const kMonths[] = {N_("janvier"), N_("février"), N_("mars"),      N_("avril"),   N_("mai"),      N_("juin"),
                               N_("juillet"), N_("août"),    N_("septembre"), N_("octobre"), N_("novembre"), N_("décembre")};
}  // namespace

std::string dateText(std::time_t when) {
    std::tm tm{};
    localtime_r(&when, &tm);
    char buf[128];
    // The order and the little words differ by language: the format itself is translated.
    std::snprintf(buf, sizeof buf, _("%1$s %2$d %3$s"), _(kDays[tm.tm_wday]), tm.tm_mday, _(kMonths[tm.tm_mon]));
    return buf;
}

std::string timeText(std::time_t when) {
    std::tm tm{};
    localtime_r(&when, &tm);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return buf;
}

long long msToNextMinute(std::chrono::system_clock::time_point now) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    return 60000 - ms % 60000;
}

}  // namespace guichet::ui
