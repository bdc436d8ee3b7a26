// The payment page model against the software TPE: offered only when a TPE is configured,
// progress, cancel, the result texts for approved, refused, unknown; no retry after unknown.
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/emulators/payment/tpe_emulator.hpp"
#include "drivers/emulators/payment/tpe_tcp_server.hpp"
#include "kiosk/payment/payment_step.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::payment;
using namespace std::chrono_literals;

namespace {

PaymentStep::Phase waitResult(PaymentStep& s) {
    for (int i = 0; i < 300 && s.phase() != PaymentStep::Phase::Result; ++i) std::this_thread::sleep_for(10ms);
    return s.phase();
}

PaymentConfig configFor(int port) {
    PaymentConfig c;
    c.enabled = true;
    c.device = *parseDeviceAddress("tcp://127.0.0.1:" + std::to_string(port));
    c.timeouts.answer = 2000ms;
    c.timeouts.cancelGrace = 300ms;
    return c;
}

}  // namespace

TEST_CASE("payment.step_offered_only_when_a_tpe_is_configured", "[payment]") {
    PaymentConfig c;
    CHECK_FALSE(terminalReady(c));
    c.enabled = true;
    c.device = *parseDeviceAddress("tcp://10.0.0.9:8888");
    CHECK(terminalReady(c));
    c.device = *parseDeviceAddress("usb:0b00:0084");  // nothing plugged here
    CHECK_FALSE(terminalReady(c));
}

TEST_CASE("payment.step_approved_then_refused_then_unknown", "[payment]") {
    emu::TpeScript script;
    script.delay = 150ms;
    emu::TpeEmulator tpe(script);
    auto server = emu::TpeTcpServer::start(tpe, 0);
    REQUIRE(server);
    PaymentService service(configFor((*server)->port()), nullptr);
    {
        PaymentStep step(service, "paiement-facture", "F-1", 1250);
        CHECK(step.texts().body == "Payer maintenant par carte bancaire");
        CHECK(step.texts().amount == "12,50\u00A0€");
        CHECK(step.texts().spoken == "Montant à payer : 12 euros 50");
        step.start();
        std::this_thread::sleep_for(60ms);
        CHECK(step.phase() == PaymentStep::Phase::Paying);
        CHECK(step.texts().body.find("Insérez ou présentez votre carte") == 0);
        REQUIRE(waitResult(step) == PaymentStep::Phase::Result);
        CHECK(step.result()->result.outcome == Outcome::Approved);
        CHECK(step.texts().title == "Paiement accepté");
        CHECK_FALSE(step.mayRetry());
    }
    {
        script.behaviour = emu::TpeBehaviour::Refuse;
        tpe.setScript(script);
        PaymentStep step(service, "paiement-facture", "F-1", 1250);
        step.start();
        REQUIRE(waitResult(step) == PaymentStep::Phase::Result);
        CHECK(step.texts().title == "Paiement refusé");
        CHECK(step.texts().next.find("autre carte") != std::string::npos);
        CHECK(step.texts().alert);
        CHECK(step.mayRetry());  // another card
        script.behaviour = emu::TpeBehaviour::ApproveContactless;
        tpe.setScript(script);
        step.start();
        REQUIRE(waitResult(step) == PaymentStep::Phase::Result);
        CHECK(step.result()->result.outcome == Outcome::Approved);
    }
    {
        script.behaviour = emu::TpeBehaviour::CloseMidAnswer;
        tpe.setScript(script);
        PaymentStep step(service, "paiement-facture", "F-1", 1250);
        step.start();
        REQUIRE(waitResult(step) == PaymentStep::Phase::Result);
        CHECK(step.texts().next == "Ne réessayez pas, adressez-vous à l'accueil avec ce reçu");
        CHECK_FALSE(step.mayRetry());
        step.start();  // refused: never a second request after an unknown outcome
        CHECK(step.phase() == PaymentStep::Phase::Result);
    }
}

TEST_CASE("payment.step_cancel_asks_for_the_red_key", "[payment]") {
    emu::TpeScript script;
    script.behaviour = emu::TpeBehaviour::Abandon;
    script.delay = 250ms;
    emu::TpeEmulator tpe(script);
    auto server = emu::TpeTcpServer::start(tpe, 0);
    REQUIRE(server);
    PaymentService service(configFor((*server)->port()), nullptr);
    PaymentStep step(service, "paiement-facture", "F-1", 700);
    step.start();
    std::this_thread::sleep_for(80ms);
    step.cancel();
    CHECK(step.phase() == PaymentStep::Phase::Cancelling);
    CHECK(step.texts().body.find("touche rouge") != std::string::npos);
    REQUIRE(waitResult(step) == PaymentStep::Phase::Result);
    CHECK(step.result()->result.outcome == Outcome::Abandoned);
    CHECK(step.mayRetry());
}
