// The town hall's local appointment calendar (opening ranges, slot length, desks, closed
// days), read from the catalogue's settings, so that booking works offline. A slot is
// "2026-12-03T09:40"; a slot is bookable while fewer bookings than desks hold it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kiosk/validation/civil_date.hpp"

namespace guichet::appointments {

struct OpeningRange {
    std::vector<int> weekdays;  // 0 = lundi … 6 = dimanche
    int startMinute = 0;        // minutes since midnight
    int endMinute = 0;          // the last slot ends at or before this
};

struct CalendarConfig {
    std::string id;                     // "titres"
    int slotMinutes = 20;
    int desks = 1;                      // bookings a slot can hold
    int firstDay = 1;                   // first bookable day, counted from today (1 = tomorrow)
    int horizonDays = 30;               // last bookable day, counted from today
    std::vector<OpeningRange> ranges;
    std::vector<validation::CivilDate> closedDays;
};

struct Slot {
    std::string id;          // "2026-12-03T09:40": the canonical answer
    std::string label;       // "jeudi 3 décembre 2026 à 9 h 40": shown, printed and spoken
    int remaining = 0;       // places left
};

class AppointmentCalendar {
public:
    explicit AppointmentCalendar(CalendarConfig config) : config_(std::move(config)) {}

    // Bookable slots from today's rules, soonest first; full slots are left out.
    std::vector<Slot> availableSlots(const validation::CivilDate& today, std::size_t maxCount = 200) const;
    // True when `slotId` is a real, future, non-full slot of this calendar.
    bool isBookable(const std::string& slotId, const validation::CivilDate& today) const;
    // Counts a booking (the outbox keeps the submission; this keeps the terminal from
    // handing the same last place twice). False if the slot is not bookable.
    bool book(const std::string& slotId, const validation::CivilDate& today);
    const CalendarConfig& config() const { return config_; }

private:
    CalendarConfig config_;
    std::map<std::string, int> booked_;
};

// "2026-12-03T09:40" -> "jeudi 3 décembre 2026 à 9 h 40" (fr), "Thursday 3 December 2026
// at 9:40" (en)…; the input unchanged if malformed. Without a language: the terminal's
// current one (i18n::language(), which the shell keeps on the session's).
std::string slotLabel(const std::string& slotId);
std::string slotLabel(const std::string& slotId, const std::string& language);
const char* frenchWeekdayName(int weekday);  // 0 = "lundi"

}  // namespace guichet::appointments
