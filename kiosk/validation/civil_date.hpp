// A calendar date as a French desk agent reads and writes it ("14/07/1952"), with the
// checks a careful agent makes: real day of the month (29/02 only in leap years), past or
// future, age on a given day. Messages are for the resident and always say how to fix it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace guichet::validation {

struct CivilDate {
    int year = 0, month = 0, day = 0;

    std::string toIso() const;     // "1952-07-14": the canonical value in submissions
    std::string toFrench() const;  // "14/07/1952": how it is shown and printed
    static std::optional<CivilDate> fromIso(std::string_view iso);
    long daysSinceEpoch() const;   // days since 1970-01-01 (proleptic Gregorian)
    int weekday() const;           // 0 = lundi … 6 = dimanche
    CivilDate plusDays(long n) const;
    static CivilDate fromDaysSinceEpoch(long days);
    static CivilDate today();      // local date of the machine

    auto operator<=>(const CivilDate&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);
// Whole years between `birth` and `on` (the birthday counts on its day; 29/02 → 01/03).
int ageOn(const CivilDate& birth, const CivilDate& on);
// "juillet", "février": French month names for messages.
const char* frenchMonthName(int month);

// What the resident typed, or a message with a fix. Accepts "14/07/1952", "14-07-1952",
// "14.07.1952", "14 07 1952", "1/7/1952"; refuses 2-digit years (ambiguous) and days
// that do not exist.
using DateParse = std::variant<CivilDate, std::string>;
DateParse parseFrenchDate(std::string_view text);

}  // namespace guichet::validation
