// The catalogue's payment step (type = "payment") in WizardSession: the card choice only
// with a payment terminal, the payment after the review, the submission stored with the
// payment section and its receipt, and the way back when nothing was paid.
#include "wizard_fixture.hpp"

#include "kiosk/payment/payment_receipt.hpp"

using namespace wizard_test;
using State = WizardSession::State;

namespace {

WizardSession& startWithTerminal(Fixture& fx, bool terminal) {
    WizardOptions o;
    o.today = {2026, 11, 28};
    o.now = 1795000000;
    o.terminalId = "borne-test";
    o.paymentTerminal = terminal;
    fx.session = std::make_unique<WizardSession>(*catalogue().find("paiement-facture"), catalogue().settings, fx.store,
                                                 &fx.book, o);
    return *fx.session;
}

void fillBill(Fixture& fx) {
    REQUIRE(fx.fill({{"service", "cantine"}, {"identifiant_famille", "FAM04521"}, {"reference_facture", "2026-11-004521"},
                     {"montant", "42,50"}}));
}

std::vector<std::string> offered(const WizardSession& s) {
    std::vector<std::string> v;
    for (const auto& c : s.choices("mode")) v.push_back(c.choice->value);
    return v;
}

std::string receiptText(const WizardSession& s) {
    std::string all;
    for (const auto& l : s.receipt().spokenLines()) all += l + "\n";
    return all;
}

}  // namespace

TEST_CASE("procedures.payment step: the card choice needs a payment terminal", "[wizard][payment]") {
    Fixture without;
    auto& a = startWithTerminal(without, false);
    fillBill(without);
    CHECK(offered(a) == std::vector<std::string>{"en_ligne", "guichet"});
    CHECK(a.paymentStep() == nullptr);

    Fixture with;
    auto& b = startWithTerminal(with, true);
    fillBill(with);
    CHECK(offered(b) == std::vector<std::string>{"carte", "en_ligne", "guichet"});
    // Chosen online: the payment step's condition is false, nothing to pay here.
    b.setAnswer("mode", "en_ligne");
    CHECK(b.paymentStep() == nullptr);
}

TEST_CASE("procedures.payment step: paid after the review, stored with the payment section", "[wizard][payment]") {
    Fixture fx;
    auto& s = startWithTerminal(fx, true);
    fillBill(fx);
    REQUIRE(fx.fill({{"mode", "carte"}}));
    REQUIRE(s.state() == State::Review);
    REQUIRE(s.paymentStep());
    CHECK(s.paymentStep()->id == "carte");
    CHECK(s.paymentAmountCents() == 4250);
    CHECK(s.paymentReference() == "2026-11-004521");
    // Confirming the review starts the payment: nothing is stored before its outcome.
    REQUIRE(s.confirm());
    CHECK(s.state() == State::Payment);
    CHECK(fx.store.stored().empty());
    json section = {{"statut", "approved"}, {"montant_centimes", 4250}, {"devise", "978"}, {"transaction", "TX-TEST"},
                    {"horodatage", 1795000100}, {"autorisation", "123456"}, {"carte", "****4242"}};
    REQUIRE(s.finishPayment(section, ""));
    CHECK(s.state() == State::Done);
    REQUIRE(fx.store.stored().size() == 1);
    CHECK(fx.store.stored()[0].answers["paiement"] == section);
    CHECK(fx.store.stored()[0].answers["mode"] == "carte");
    const std::string r = receiptText(s);
    CHECK(r.find("Paiement par carte accepté") != std::string::npos);
    CHECK(r.find("123456") != std::string::npos);
    CHECK(r.find("****4242") != std::string::npos);
    CHECK(r.find("42,50") != std::string::npos);
    CHECK(r.find("scannez ce code") == std::string::npos);  // paid: no QR code to pay online
}

TEST_CASE("procedures.payment step: a refused payment leaves the bill owed, said on the receipt", "[wizard][payment]") {
    Fixture fx;
    auto& s = startWithTerminal(fx, true);
    fillBill(fx);
    REQUIRE(fx.fill({{"mode", "carte"}}));
    REQUIRE(s.confirm());
    // The resident may go back to the review before paying: nothing stored.
    s.leavePayment();
    CHECK(s.state() == State::Review);
    REQUIRE(s.confirm());
    json section = {{"statut", "refused"}, {"montant_centimes", 4250}, {"devise", "978"}, {"transaction", "TX-2"},
                    {"horodatage", 1795000100}};
    REQUIRE(s.finishPayment(section, ""));
    const std::string r = receiptText(s);
    CHECK(r.find("Paiement par carte refusé") != std::string::npos);
    CHECK(r.find("La facture reste due.") != std::string::npos);
    CHECK(r.find("Paiement par carte accepté") == std::string::npos);
}

TEST_CASE("procedures.payment step: unknown outcome tells not to retry", "[wizard][payment]") {
    Fixture fx;
    auto& s = startWithTerminal(fx, true);
    fillBill(fx);
    REQUIRE(fx.fill({{"mode", "carte"}}));
    REQUIRE(s.confirm());
    REQUIRE(s.finishPayment({{"statut", "unknown"}, {"montant_centimes", 4250}, {"transaction", "TX-3"}}, ""));
    const std::string r = receiptText(s);
    CHECK(r.find("Ne réessayez pas, adressez-vous à l'accueil avec ce reçu") != std::string::npos);
    CHECK(r.find("La facture reste due.") == std::string::npos);  // it may have been paid
}
