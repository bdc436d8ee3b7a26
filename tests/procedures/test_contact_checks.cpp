#include <catch2/catch.hpp>

#include "kiosk/validation/contact_checks.hpp"

using namespace guichet::validation;

TEST_CASE("procedures.phone accepts every usual spelling of a French number", "[phone]") {
    for (const char* s : {"06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78",
                          "+33612345678", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78"}) {
        auto c = checkFrenchPhone(s);
        INFO(s << ": " << c.message);
        CHECK(c.ok);
        CHECK(c.value == "+33612345678");
    }
    CHECK(checkFrenchPhone("02 38 12 34 56").value == "+33238123456");
    CHECK(checkFrenchPhone("0262 12 34 56").ok);  // La Réunion, 10 digits
    CHECK(displayFrenchPhone("+33612345678") == "06 12 34 56 78");
}

TEST_CASE("procedures.phone refuses wrong lengths and foreign numbers with a fix", "[phone]") {
    CHECK(checkFrenchPhone("06 12 34 56 7").message.find("9 chiffres au lieu de 10") != std::string::npos);
    CHECK(checkFrenchPhone("06 12 34 56 78 9").message.find("11 chiffres") != std::string::npos);
    CHECK(checkFrenchPhone("+44 20 7946 0958").message.find("numéros français") != std::string::npos);
    CHECK(checkFrenchPhone("6 12 34 56 78 0").message.find("commence par 0") != std::string::npos);
    CHECK(checkFrenchPhone("00 12 34 56 78").ok == false);
    CHECK(checkFrenchPhone("06 12 34 AB 78").message.find("que des chiffres") != std::string::npos);
    CHECK(checkFrenchPhone("").message.find("06 12 34 56 78") != std::string::npos);
    CHECK(checkFrenchPhone("02 38 12 34 56", true).message.find("portable") != std::string::npos);
    CHECK(checkFrenchPhone("07 12 34 56 78", true).ok);
}

TEST_CASE("procedures.postal code is 5 digits of a real département", "[postal]") {
    CHECK(checkPostalCode("45990").ok);
    CHECK(checkPostalCode("75 014").value == "75014");
    CHECK(checkPostalCode("20000").ok);  // Ajaccio: Corsica keeps 20 in postal codes
    CHECK(checkPostalCode("97400").ok);  // Saint-Denis de La Réunion
    CHECK(checkPostalCode("4599").message.find("4 chiffres au lieu de 5") != std::string::npos);
    CHECK(checkPostalCode("00100").message.find("n'existe pas") != std::string::npos);
    CHECK(checkPostalCode("96100").ok == false);
    CHECK(checkPostalCode("4599O").message.find("que des chiffres") != std::string::npos);  // letter O for zero
}

TEST_CASE("procedures.commune matches the postal code without minding accents", "[postal]") {
    CommuneTable t = {{"45990", {"Bellerive-sur-Loire", "Le Port-Bellerive"}}};
    CHECK(checkCommune("45990", "bellerive sur loire", t, true).value == "Bellerive-sur-Loire");
    CHECK(checkCommune("45990", "LE PORT BELLERIVE", t, true).value == "Le Port-Bellerive");
    auto wrong = checkCommune("45990", "Orléans", t, true);
    CHECK_FALSE(wrong.ok);
    CHECK(wrong.message.find("Bellerive-sur-Loire, Le Port-Bellerive") != std::string::npos);
    CHECK(checkCommune("75014", "Paris", t, false).ok);    // outside the table: free text
    CHECK(checkCommune("75014", "Paris", t, true).message.find("dans la commune") != std::string::npos);
    CHECK_FALSE(checkCommune("75014", "Paris 14!", t, false).ok);
    CHECK_FALSE(checkCommune("45990", "", t, false).ok);
}

TEST_CASE("procedures.email catches what a desk agent catches", "[email]") {
    CHECK(checkEmail(" Marie.Dupont@Orange.FR ").value == "Marie.Dupont@orange.fr");
    CHECK(checkEmail("a+b@laposte.net").ok);
    CHECK(checkEmail("marie.dupont.orange.fr").message.find("@") != std::string::npos);
    CHECK(checkEmail("marie@@orange.fr").message.find("un seul signe @") != std::string::npos);
    CHECK(checkEmail("marie dupont@orange.fr").message.find("espace") != std::string::npos);
    CHECK(checkEmail("marie@orange").message.find("avec un point") != std::string::npos);
    CHECK(checkEmail("marie.@orange.fr").message.find("point") != std::string::npos);
    CHECK(checkEmail("mélanie@orange.fr").message.find("accents") != std::string::npos);
    CHECK(checkEmail("marie@orange..fr").message.find("deux points") != std::string::npos);
    CHECK(checkEmail("marie@orange.f1").ok == false);
    auto typo = checkEmail("jean@gmail.con");
    CHECK_FALSE(typo.ok);
    CHECK(typo.message == "Vérifiez la fin de l'adresse : vouliez-vous écrire « jean@gmail.com » ?");
}
