// Building a request and reading an answer: amounts, currencies, echo checks, failure codes
// in plain French, and nothing of the card kept beyond four digits.
#include <catch2/catch.hpp>

#include "drivers/payment/payment_request.hpp"
#include "drivers/payment/payment_session.hpp"

using namespace guichet;
using namespace guichet::payment;

TEST_CASE("payment.request_amounts_and_currencies", "[payment]") {
    CHECK(parseAmount("12.50") == 1250);
    CHECK(parseAmount("12,5") == 1250);
    CHECK(parseAmount("12") == 1200);
    CHECK(parseAmount("0.01") == 1);
    for (const char* bad : {"", "-3", "1.234", "12.", ".5", "1e3", "12 50", "abc", "99999999999"}) {
        INFO(bad);
        CHECK_FALSE(parseAmount(bad).has_value());
    }
    CHECK(currencyNumeric("EUR") == "978");
    CHECK(currencyNumeric("eur") == "978");
    CHECK(currencyNumeric("953") == "953");
    CHECK_FALSE(currencyNumeric("EURO").has_value());
    CHECK(formatAmountFrench(1250) == "12,50\u00A0€");
    CHECK(formatAmountFrench(123456705) == "1\u202F234\u202F567,05\u00A0€");
}

TEST_CASE("payment.request_build_byte_exact", "[payment]") {
    PaymentRequest r;
    r.amountCents = 5;
    auto m = buildRequest(r);
    REQUIRE(m);
    CHECK(*encode(*m) == "CZ0040300CJ012000000000001CA00201CB00205CD0010CE003978BA0010");
    r.amountCents = 0;
    CHECK_FALSE(buildRequest(r));
    r.amountCents = 1000000000000;  // 13 digits
    CHECK_FALSE(buildRequest(r));
    r.amountCents = 100;
    r.currency = "EUR";
    CHECK_FALSE(buildRequest(r));
}

static Message answerFor(const std::string& extra) {
    return *decode("CZ0040300CJ012000000000001CA00201CB0041250CD0010CE003978BA0010" + extra);
}

TEST_CASE("payment.answer_approved_keeps_only_last_four", "[payment]") {
    PaymentRequest r;
    r.amountCents = 1250;
    auto a = interpretAnswer(answerFor("AE00210CC00300BCI0012AC006654321AA016497010######4242AB0042812CG0074242424"), r);
    REQUIRE(a);
    CHECK(a->status == AnswerStatus::Done);
    CHECK(a->authorisation == "654321");
    CHECK(a->cardLast4 == "4242");
    CHECK(a->contactless);
    CHECK(a->paymentMode == "CB sans contact");
    CHECK(a->amountCents == 1250);
    CHECK(resultFromAnswer(*a).outcome == Outcome::Approved);
}

TEST_CASE("payment.answer_failure_reasons_in_french", "[payment]") {
    PaymentRequest r;
    r.amountCents = 1250;
    struct Case { const char* af; Outcome outcome; const char* words; };
    for (auto c : {Case{"04", Outcome::Refused, "refusé"}, Case{"05", Outcome::Refused, "ne peut pas être utilisée"},
                   Case{"11", Outcome::Abandoned, "annulé"}, Case{"06", Outcome::Abandoned, "annulé"},
                   Case{"08", Outcome::TimedOut, "trop longtemps"}, Case{"09", Outcome::Refused, "pas pu traiter"},
                   Case{"13", Outcome::Refused, "monnaie"}, Case{"77", Outcome::Refused, "pas pu traiter"}}) {
        INFO(c.af);
        auto a = interpretAnswer(answerFor(std::string("AE00201AF002") + c.af), r);
        REQUIRE(a);
        auto res = resultFromAnswer(*a);
        CHECK(res.outcome == c.outcome);
        CHECK(res.frenchReason.find(c.words) != std::string::npos);
    }
}

TEST_CASE("payment.answer_must_match_the_request", "[payment]") {
    PaymentRequest r;
    r.amountCents = 1250;
    CHECK(interpretAnswer(*decode("CZ0040300CB0060012.0AE00210"), r).ok() == false);
    auto wrongAmount = interpretAnswer(*decode("CZ0040300CA00201CB0049999CD0010CE003978AE00210"), r);
    REQUIRE_FALSE(wrongAmount);
    CHECK(wrongAmount.error().message.find("differs") != std::string::npos);
    auto padded = interpretAnswer(*decode("CZ0040300CA00201CB012000000001250CD0010CE003978AE00210"), r);
    CHECK(padded);
    auto wrongRegister = interpretAnswer(*decode("CZ0040300CA00202CB0041250AE00210"), r);
    CHECK_FALSE(wrongRegister);
    auto noStatus = interpretAnswer(*decode("CZ0040300CB0041250"), r);
    CHECK_FALSE(noStatus);
    auto badStatus = interpretAnswer(*decode("CZ0040300CB0041250AE00299"), r);
    CHECK_FALSE(badStatus);
    auto ack = interpretAnswer(*decode("CZ0040300CB0041250AE00211"), r);
    REQUIRE(ack);
    CHECK(resultFromAnswer(*ack).outcome == Outcome::Unknown);
}
