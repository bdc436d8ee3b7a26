// The receipt's payment section from a submission's answers["paiement"].
#include <catch2/catch.hpp>

#include "kiosk/payment/payment_receipt.hpp"
#include "kiosk/payment/payment_service.hpp"

using namespace guichet;
using namespace guichet::payment;

TEST_CASE("payment.receipt_section_approved_and_unknown", "[payment]") {
    PaidBill paid;
    paid.result.outcome = Outcome::Approved;
    paid.result.answer.authorisation = "654321";
    paid.result.answer.cardLast4 = "1234";
    paid.amountCents = 1250;
    paid.currency = "978";
    paid.txn = "TX-0123456789";
    paid.atUnix = 1764950400;
    nlohmann::json answers = {{"reference_facture", "F-1"}, {"paiement", paymentSection(paid)}};
    REQUIRE(hasPaymentSection(answers));
    doc::ReceiptDocument d;
    appendPaymentSection(d, answers);
    const auto lines = d.spokenLines();
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    INFO(all);
    CHECK(all.find("Paiement par carte accepté") != std::string::npos);
    CHECK(all.find("12,50") != std::string::npos);
    CHECK(all.find("654321") != std::string::npos);
    CHECK(all.find("****1234") != std::string::npos);
    CHECK(all.find("TX-0123456789") != std::string::npos);

    paid.result.outcome = Outcome::Unknown;
    paid.result.answer = {};
    answers["paiement"] = paymentSection(paid);
    doc::ReceiptDocument u;
    appendPaymentSection(u, answers);
    all.clear();
    for (const auto& l : u.spokenLines()) all += l + "\n";
    CHECK(all.find("Ne réessayez pas, adressez-vous à l'accueil avec ce reçu") != std::string::npos);
    CHECK(all.find("****") == std::string::npos);
    CHECK_FALSE(hasPaymentSection(nlohmann::json{{"x", 1}}));
}
