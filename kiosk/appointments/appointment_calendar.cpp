#include "kiosk/appointments/appointment_calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "kiosk/i18n/i18n.hpp"

namespace guichet::appointments {

namespace {
std::string makeSlotId(const validation::CivilDate& d, int minute) {
    char b[32];
    std::snprintf(b, sizeof b, "%sT%02d:%02d", d.toIso().c_str(), minute / 60, minute % 60);
    return b;
}
}  // namespace

const char* frenchWeekdayName(int wd) {
    static const char* n[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    return wd >= 0 && wd < 7 ? n[wd] : "?";
}

namespace {
// A slot as its resident reads it, in each of the terminal's languages (issue 14: the
// Spanish session listed "mardi 1 décembre"). Day and month names are not in gettext:
// the order of the parts differs too, so each language has its whole pattern.
struct DateWords {
    const char* language;
    const char* weekdays[7];  // Monday first
    const char* months[12];
    const char* pattern;      // weekday, day, month, year, hour, minute
};
const DateWords kDateWords[] = {
    {"fr", {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
     {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
     "%s %d %s %d à %d h %02d"},
    {"en", {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
     {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
     "%s %d %s %d at %d:%02d"},
    {"es", {"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"},
     {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
     "%s %d de %s de %d a las %d:%02d"},
    {"de", {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"},
     {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
     "%s, %d. %s %d um %d:%02d Uhr"},
    {"pt", {"segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"},
     {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
     "%s, %d de %s de %d às %dh%02d"},
    {"it", {"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"},
     {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
     "%s %d %s %d alle %d:%02d"},
};
}  // namespace

std::string slotLabel(const std::string& slotId) { return slotLabel(slotId, i18n::language()); }

std::string slotLabel(const std::string& slotId, const std::string& language) {
    if (slotId.size() != 16 || slotId[10] != 'T') return slotId;
    auto d = validation::CivilDate::fromIso(slotId.substr(0, 10));
    if (!d) return slotId;
    const DateWords* w = &kDateWords[0];
    for (const auto& x : kDateWords)
        if (language == x.language) w = &x;
    int h = std::atoi(slotId.substr(11, 2).c_str()), m = std::atoi(slotId.substr(14, 2).c_str());
    int wd = d->weekday();
    char b[128];
    std::snprintf(b, sizeof b, w->pattern, wd >= 0 && wd < 7 ? w->weekdays[wd] : "?", d->day,
                  d->month >= 1 && d->month <= 12 ? w->months[d->month - 1] : "?", d->year, h, m);
    return b;
}

std::vector<Slot> AppointmentCalendar::availableSlots(const validation::CivilDate& today, std::size_t maxCount) const {
    std::vector<Slot> out;
    if (config_.slotMinutes <= 0) return out;
    for (int offset = config_.firstDay; offset <= config_.horizonDays && out.size() < maxCount; ++offset) {
        auto day = today.plusDays(offset);
        if (std::find(config_.closedDays.begin(), config_.closedDays.end(), day) != config_.closedDays.end()) continue;
        int wd = day.weekday();
        std::vector<int> starts;
        for (const auto& r : config_.ranges) {
            if (std::find(r.weekdays.begin(), r.weekdays.end(), wd) == r.weekdays.end()) continue;
            for (int m = r.startMinute; m + config_.slotMinutes <= r.endMinute; m += config_.slotMinutes) starts.push_back(m);
        }
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        for (int m : starts) {
            std::string id = makeSlotId(day, m);
            auto it = booked_.find(id);
            int left = config_.desks - (it == booked_.end() ? 0 : it->second);
            if (left <= 0) continue;
            out.push_back({id, slotLabel(id), left});
            if (out.size() >= maxCount) break;
        }
    }
    return out;
}

bool AppointmentCalendar::isBookable(const std::string& slotId, const validation::CivilDate& today) const {
    for (const auto& s : availableSlots(today, 100000))
        if (s.id == slotId) return true;
    return false;
}

bool AppointmentCalendar::book(const std::string& slotId, const validation::CivilDate& today) {
    if (!isBookable(slotId, today)) return false;
    ++booked_[slotId];
    return true;
}

}  // namespace guichet::appointments
