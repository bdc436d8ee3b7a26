#include <catch2/catch.hpp>

#include "kiosk/validation/civil_date.hpp"

using namespace guichet::validation;

static CivilDate ok(const std::string& s) {
    auto r = parseFrenchDate(s);
    INFO(s);
    REQUIRE(std::holds_alternative<CivilDate>(r));
    return std::get<CivilDate>(r);
}
static std::string err(const std::string& s) {
    auto r = parseFrenchDate(s);
    INFO(s);
    REQUIRE(std::holds_alternative<std::string>(r));
    return std::get<std::string>(r);
}

TEST_CASE("procedures.date accepts the usual French spellings", "[dates]") {
    CHECK(ok("14/07/1952") == CivilDate{1952, 7, 14});
    CHECK(ok("14-07-1952") == CivilDate{1952, 7, 14});
    CHECK(ok("14.07.1952") == CivilDate{1952, 7, 14});
    CHECK(ok(" 14 07 1952 ") == CivilDate{1952, 7, 14});
    CHECK(ok("1/7/1952") == CivilDate{1952, 7, 1});
    CHECK(ok("14071952") == CivilDate{1952, 7, 14});  // typed on the digit keypad
    CHECK(ok("14/07/1952").toIso() == "1952-07-14");
    CHECK(ok("1/7/1952").toFrench() == "01/07/1952");
}

TEST_CASE("procedures.date 29 February only in leap years", "[dates]") {
    CHECK(ok("29/02/2024") == CivilDate{2024, 2, 29});
    CHECK(ok("29/02/2000") == CivilDate{2000, 2, 29});  // divisible by 400
    auto m = err("29/02/2023");
    CHECK(m.find("29 février n'existe pas en 2023") != std::string::npos);
    CHECK(m.find("bissextile") != std::string::npos);
    CHECK(err("29/02/1900").find("1900") != std::string::npos);  // divisible by 100, not 400
    CHECK(err("30/02/2024").find("février a 29 jours") != std::string::npos);
}

TEST_CASE("procedures.date impossible days and months name the fix", "[dates]") {
    CHECK(err("31/04/2020") == "Le 31 avril n'existe pas : le mois de avril a 30 jours. Vérifiez le jour.");
    CHECK(err("00/04/2020").find("entre 01 et 31") != std::string::npos);
    CHECK(err("12/13/2020").find("entre 01 et 12") != std::string::npos);
    CHECK(err("14/07/52").find("4 chiffres") != std::string::npos);  // ambiguous century
    CHECK(err("14/07").find("le jour, le mois et l'année") != std::string::npos);
    CHECK(err("quatorze juillet").find("14/07/1952") != std::string::npos);
    CHECK(err("").find("14/07/1952") != std::string::npos);
    CHECK(err("123/07/1952").find("2 chiffres") != std::string::npos);
    CHECK(err("14/07/1492").find("trop ancienne") != std::string::npos);
}

TEST_CASE("procedures.date age counts birthdays, 29 February on 1 March", "[dates]") {
    CHECK(ageOn({2008, 5, 10}, {2026, 5, 9}) == 17);
    CHECK(ageOn({2008, 5, 10}, {2026, 5, 10}) == 18);
    CHECK(ageOn({2008, 2, 29}, {2026, 2, 28}) == 17);
    CHECK(ageOn({2008, 2, 29}, {2026, 3, 1}) == 18);
    CHECK(ageOn({2008, 2, 29}, {2028, 2, 29}) == 20);
}

TEST_CASE("procedures.date calendar arithmetic", "[dates]") {
    CHECK(CivilDate{1970, 1, 1}.daysSinceEpoch() == 0);
    CHECK(CivilDate{2026, 11, 28}.weekday() == 5);  // a Saturday
    CHECK(CivilDate{1952, 7, 14}.weekday() == 0);   // a Monday
    CHECK(CivilDate{2024, 2, 28}.plusDays(1) == CivilDate{2024, 2, 29});
    CHECK(CivilDate{2023, 12, 31}.plusDays(1) == CivilDate{2024, 1, 1});
    CHECK(CivilDate::fromIso("2023-02-29") == std::nullopt);
    CHECK(CivilDate::fromIso("2024-02-29") == CivilDate{2024, 2, 29});
    CHECK(CivilDate::fromIso("2024/02/29") == std::nullopt);
}
