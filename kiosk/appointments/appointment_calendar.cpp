#include "kiosk/appointments/appointment_calendar.hpp"

#include <algorithm>
#include <cstdio>

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

std::string slotLabel(const std::string& slotId) {
    if (slotId.size() != 16 || slotId[10] != 'T') return slotId;
    auto d = validation::CivilDate::fromIso(slotId.substr(0, 10));
    if (!d) return slotId;
    int h = std::atoi(slotId.substr(11, 2).c_str()), m = std::atoi(slotId.substr(14, 2).c_str());
    char b[96];
    std::snprintf(b, sizeof b, "%s %d %s %d à %d h %02d", frenchWeekdayName(d->weekday()), d->day,
                  validation::frenchMonthName(d->month), d->year, h, m);
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
