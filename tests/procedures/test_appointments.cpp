#include <catch2/catch.hpp>

#include "kiosk/appointments/appointment_calendar.hpp"

using namespace guichet::appointments;
using guichet::validation::CivilDate;

static CalendarConfig config() {
    CalendarConfig c;
    c.id = "titres";
    c.slotMinutes = 20;
    c.desks = 2;
    c.firstDay = 1;
    c.horizonDays = 14;
    c.ranges = {{{0, 1, 2, 3, 4}, 9 * 60, 10 * 60}, {{5}, 9 * 60, 9 * 60 + 50}};  // weekdays 9-10, Saturday 9:00-9:50
    c.closedDays = {{2026, 12, 1}};
    return c;
}

TEST_CASE("procedures.appointments slots follow opening ranges and closed days", "[appointments]") {
    AppointmentCalendar cal(config());
    const CivilDate today{2026, 11, 28};  // a Saturday
    auto slots = cal.availableSlots(today);
    REQUIRE_FALSE(slots.empty());
    CHECK(slots.front().id == "2026-11-30T09:00");  // Sunday closed; Monday first
    CHECK(slots.front().label == "lundi 30 novembre 2026 à 9 h 00");
    CHECK(slots.front().remaining == 2);
    for (const auto& s : slots) {
        CHECK(s.id.substr(0, 10) != "2026-12-01");     // closed day
        CHECK(s.id.substr(0, 10) != "2026-11-28");     // not today (first_day = 1)
        if (CivilDate::fromIso(s.id.substr(0, 10))->weekday() == 5)
            CHECK(s.id.substr(11) != "09:40");         // on Saturday a 9:40 slot would end at 10:00, after closing at 9:50
    }
    // 3 slots on each of 9 weekdays (12-01 closed, 12-07 to 12-11) + 2 on Saturday 12-05 and 12-12
    CHECK(slots.size() == 3 * 9 + 2 * 2);
}

TEST_CASE("procedures.appointments a slot holds as many bookings as desks", "[appointments]") {
    AppointmentCalendar cal(config());
    const CivilDate today{2026, 11, 28};
    CHECK(cal.isBookable("2026-11-30T09:00", today));
    CHECK(cal.book("2026-11-30T09:00", today));
    CHECK(cal.availableSlots(today).front().remaining == 1);
    CHECK(cal.book("2026-11-30T09:00", today));
    CHECK_FALSE(cal.isBookable("2026-11-30T09:00", today));
    CHECK_FALSE(cal.book("2026-11-30T09:00", today));
    CHECK(cal.availableSlots(today).front().id == "2026-11-30T09:20");
    CHECK_FALSE(cal.isBookable("2026-11-30T09:10", today));   // not on the grid
    CHECK_FALSE(cal.isBookable("2026-11-29T09:00", today));   // Sunday
    CHECK_FALSE(cal.isBookable("2026-11-28T09:00", today));   // today
    CHECK_FALSE(cal.isBookable("2027-01-30T09:00", today));   // beyond the horizon
    CHECK_FALSE(cal.isBookable("garbage", today));
    CHECK(slotLabel("garbage") == "garbage");
}

TEST_CASE("procedures.appointments a slot reads in each of the six languages", "[appointments]") {
    // Issue 14: the Spanish session listed "jeudi 3 décembre 2026 à 9 h 40".
    CHECK(slotLabel("2026-12-03T09:40", "fr") == "jeudi 3 décembre 2026 à 9 h 40");
    CHECK(slotLabel("2026-12-03T09:40", "en") == "Thursday 3 December 2026 at 9:40");
    CHECK(slotLabel("2026-12-03T09:40", "es") == "jueves 3 de diciembre de 2026 a las 9:40");
    CHECK(slotLabel("2026-12-03T09:40", "de") == "Donnerstag, 3. Dezember 2026 um 9:40 Uhr");
    CHECK(slotLabel("2026-12-03T09:40", "pt") == "quinta-feira, 3 de dezembro de 2026 às 9h40");
    CHECK(slotLabel("2026-12-03T09:40", "it") == "giovedì 3 dicembre 2026 alle 9:40");
    CHECK(slotLabel("2026-12-03T09:40", "xx") == "jeudi 3 décembre 2026 à 9 h 40");  // unknown: French
    CHECK(slotLabel("not-a-slot", "en") == "not-a-slot");
}
