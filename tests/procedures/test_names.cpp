#include <catch2/catch.hpp>

#include "kiosk/validation/person_name.hpp"

using namespace guichet::validation;

static std::string good(const std::string& s) {
    auto c = checkPersonName(s);
    INFO(s << " -> " << c.message);
    REQUIRE(c.ok);
    return c.value;
}
static std::string bad(const std::string& s) {
    auto c = checkPersonName(s, "Le nom");
    INFO(s);
    REQUIRE_FALSE(c.ok);
    return c.message;
}

TEST_CASE("procedures.names accept accents hyphens and apostrophes", "[names]") {
    CHECK(good("Lefèvre") == "Lefèvre");
    CHECK(good("Jean-Pierre") == "Jean-Pierre");
    CHECK(good("N'Diaye") == "N'Diaye");
    CHECK(good("O\u2019Connor") == "O'Connor");        // typographic apostrophe kept as '
    CHECK(good("de La Fontaine") == "de La Fontaine");
    CHECK(good("Œdipe Çelik") == "Œdipe Çelik");
    CHECK(good("Łukasz Müller-Groß") == "Łukasz Müller-Groß");
    CHECK(good("ÉLODIE") == "ÉLODIE");
    CHECK(good("Nguyễn") == "Nguyễn");
}

TEST_CASE("procedures.names tidy stray spaces instead of refusing", "[names]") {
    CHECK(good("  Dupont   Martin ") == "Dupont Martin");
    CHECK(good("Jean - Pierre") == "Jean-Pierre");
    CHECK(good("D' Artagnan") == "D'Artagnan");
}

TEST_CASE("procedures.names refuse digits symbols and doubled signs with a fix", "[names]") {
    CHECK(bad("Dupont2").find("chiffres") != std::string::npos);
    CHECK(bad("Dupont@") .find("lettres, des accents, des tirets") != std::string::npos);
    CHECK(bad("Jean--Pierre").find("deux signes à la suite") != std::string::npos);
    CHECK(bad("Jean-'Pierre").find("deux signes à la suite") != std::string::npos);
    CHECK(bad("-Jean").find("commencer par une lettre") != std::string::npos);
    CHECK(bad("Jean-").find("finir par une lettre") != std::string::npos);
    CHECK(bad("   ").find("vide") != std::string::npos);
    CHECK(bad(std::string(81, 'a')).find("trop long") != std::string::npos);
    CHECK(bad("Du\xff\xfepont").find("illisible") != std::string::npos);  // malformed UTF-8
    CHECK(checkPersonName("3", "Le prénom").message.rfind("Le prénom", 0) == 0);
}
