#include <catch2/catch.hpp>

#include "kiosk/validation/admin_checks.hpp"

using namespace guichet::validation;

TEST_CASE("procedures.ants pre-demand number is 10 letters or digits", "[ants]") {
    CHECK(checkAntsPreDemande("a1b2c3d4e5").value == "A1B2C3D4E5");
    CHECK(checkAntsPreDemande("A1B2 C3D4-E5").value == "A1B2C3D4E5");
    CHECK(checkAntsPreDemande("A1B2C3D4E").message.find("9 caractères au lieu de 10") != std::string::npos);
    CHECK(checkAntsPreDemande("A1B2C3D4E5F").message.find("11 caractères") != std::string::npos);
    CHECK(checkAntsPreDemande("A1B2C3D4E_").message.find("lettres et des chiffres") != std::string::npos);
    CHECK_FALSE(checkAntsPreDemande("0000000000").ok);   // not a real number
    CHECK_FALSE(checkAntsPreDemande("ABCDEFGHIJ").ok);   // always has digits
    CHECK(checkAntsPreDemande("").message.find("récapitulatif") != std::string::npos);
}

TEST_CASE("procedures.amount in euros typed the French way", "[amount]") {
    CHECK(checkAmountEuros("42,50").value == "42.50");
    CHECK(checkAmountEuros("42.5").value == "42.50");
    CHECK(checkAmountEuros("42 €").value == "42.00");
    CHECK(checkAmountEuros("1 234,56").value == "1234.56");
    CHECK(checkAmountEuros("1\u202F234,56\u00A0€").value == "1234.56");
    CHECK(checkAmountEuros(",5").value == "0.50");
    CHECK(checkAmountEuros("42,505").message.find("2 chiffres après la virgule") != std::string::npos);
    CHECK(checkAmountEuros("0,00").message.find("plus grand que 0") != std::string::npos);
    CHECK(checkAmountEuros("12,3,4").message.find("plusieurs virgules") != std::string::npos);
    CHECK(checkAmountEuros("douze").message.find("42,50") != std::string::npos);
    CHECK(checkAmountEuros("2500", 2000).message.find("guichet") != std::string::npos);
    CHECK(checkAmountEuros("2000", 2000).ok);
    CHECK(displayEuros("42.50") == "42,50\u00A0€");
}
