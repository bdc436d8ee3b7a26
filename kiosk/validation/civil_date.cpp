#include "kiosk/validation/civil_date.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <vector>

namespace guichet::validation {

namespace {
const char* kMonths[] = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                         "août", "septembre", "octobre", "novembre", "décembre"};
const std::string kExample = "Écrivez la date comme ceci : 14/07/1952.";
}  // namespace

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && isLeapYear(y) ? 29 : d[m - 1];
}

const char* frenchMonthName(int m) { return m >= 1 && m <= 12 ? kMonths[m - 1] : "?"; }

std::string CivilDate::toIso() const {
    char b[16];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", year, month, day);
    return b;
}

std::string CivilDate::toFrench() const {
    char b[16];
    std::snprintf(b, sizeof b, "%02d/%02d/%04d", day, month, year);
    return b;
}

std::optional<CivilDate> CivilDate::fromIso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    CivilDate d{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
                std::stoi(std::string(s.substr(8, 2)))};
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) return std::nullopt;
    return d;
}

// Howard Hinnant's days_from_civil algorithm (public-domain arithmetic, rewritten here).
long CivilDate::daysSinceEpoch() const {
    long y = year - (month <= 2 ? 1 : 0);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate CivilDate::fromDaysSinceEpoch(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

int CivilDate::weekday() const {
    long d = daysSinceEpoch();  // 1970-01-01 was a Thursday (index 3 when Monday is 0)
    return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

CivilDate CivilDate::plusDays(long n) const { return fromDaysSinceEpoch(daysSinceEpoch() + n); }

CivilDate CivilDate::today() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int ageOn(const CivilDate& birth, const CivilDate& on) {
    int age = on.year - birth.year;
    // A person born on 29/02 comes of age on 01/03 in non-leap years (French practice).
    int bm = birth.month, bd = birth.day;
    if (bm == 2 && bd == 29 && !isLeapYear(on.year)) { bm = 3; bd = 1; }
    if (on.month < bm || (on.month == bm && on.day < bd)) --age;
    return age;
}

DateParse parseFrenchDate(std::string_view text) {
    std::vector<std::string> parts;
    std::string cur;
    bool sawSeparator = false;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) { cur.push_back(c); continue; }
        if (c == '/' || c == '-' || c == '.' || c == ' ') {
            if (!cur.empty()) { parts.push_back(cur); cur.clear(); }
            sawSeparator = true;
            continue;
        }
        return std::string("Une date ne contient que des chiffres. ") + kExample;
    }
    if (!cur.empty()) parts.push_back(cur);
    if (parts.empty()) return std::string("Indiquez une date. ") + kExample;
    // "14071952": eight digits typed without separators on the digit keypad.
    if (parts.size() == 1 && parts[0].size() == 8 && !sawSeparator)
        parts = {parts[0].substr(0, 2), parts[0].substr(2, 2), parts[0].substr(4)};
    if (parts.size() != 3) return std::string("Il faut le jour, le mois et l'année. ") + kExample;
    if (parts[0].size() > 2 || parts[1].size() > 2)
        return std::string("Le jour et le mois s'écrivent avec 2 chiffres. ") + kExample;
    if (parts[2].size() != 4)
        return std::string("Écrivez l'année en entier, avec 4 chiffres (par exemple 1952).");
    CivilDate d{std::stoi(parts[2]), std::stoi(parts[1]), std::stoi(parts[0])};
    if (d.month < 1 || d.month > 12)
        return "Le mois doit être un nombre entre 01 et 12. " + kExample;
    if (d.year < 1800) return std::string("Vérifiez l'année : elle semble trop ancienne.");
    if (d.day < 1) return "Le jour doit être un nombre entre 01 et 31. " + kExample;
    if (d.day > daysInMonth(d.year, d.month)) {
        if (d.month == 2 && d.day == 29)
            return "Le 29 février n'existe pas en " + parts[2] +
                   " (ce n'est pas une année bissextile). Vérifiez le jour ou l'année.";
        return "Le " + std::to_string(d.day) + " " + frenchMonthName(d.month) + " n'existe pas : le mois de " +
               frenchMonthName(d.month) + " a " + std::to_string(daysInMonth(d.year, d.month)) +
               " jours. Vérifiez le jour.";
    }
    return d;
}

}  // namespace guichet::validation
