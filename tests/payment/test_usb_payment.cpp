// The USB path under umockdev: real libusb, the TPE as a fake CDC-ACM device running the
// serial link layer. Approve, a corrupted answer NAKed and resent, unplug in the middle of
// the transaction (outcome unknown), no TPE plugged (not sent).
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/payment/payment_session.hpp"
#include "kiosk/payment/payment_service.hpp"
#include "tests/payment/usb_tpe_function.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace guichet::payment;
using namespace std::chrono_literals;

namespace {

Timeouts fast() {
    Timeouts t;
    t.connect = 1000ms;
    t.answer = 3000ms;
    t.cancelGrace = 500ms;
    return t;
}

PaymentResult payOver(const std::string& device) {
    auto link = makeLink(*parseDeviceAddress(device));
    if (!link) {
        PaymentResult r;
        r.outcome = Outcome::NotSent;
        r.detail = link.error().message;
        return r;
    }
    PaymentSession session(**link, fast());
    PaymentRequest req;
    req.amountCents = 1250;
    std::atomic<bool> never{false};
    return session.run(req, never);
}

}  // namespace

TEST_CASE("payment.usb_approved_through_libusb_and_the_serial_link", "[payment][umockdev]") {
    test::UmockdevTestbed tb;
    emu::TpeScript s;
    s.delay = 100ms;
    emu::TpeEmulator tpe(s);
    auto fn = std::make_shared<test::UsbTpeFunction>(tpe);
    tb.plug(test::fakeTpeSpec(), fn, {.port = 4});
    auto r = payOver("usb:0b00:0084");
    INFO(r.detail);
    REQUIRE(r.outcome == Outcome::Approved);
    CHECK(r.answer.cardLast4 == "4242");
    CHECK(fn->controlRequests() >= 1);  // DTR/RTS raised
    const Bytes host = fn->hostBytes();
    REQUIRE(host.size() > 4);
    CHECK(host[0] == serial::ENQ);
    CHECK(host[1] == serial::STX);
    // …the framed request, EOT, then ACK (answer ENQ), ACK (answer frame).
    CHECK(Bytes(host.end() - 3, host.end()) == Bytes{serial::EOT, serial::ACK, serial::ACK});
    CHECK(tpe.debitsApproved() == 1);
    // "auto" finds the same TPE by its maker.
    CHECK(payOver("auto").outcome == Outcome::Approved);
}

TEST_CASE("payment.usb_bad_lrc_is_nakked_and_resent", "[payment][umockdev]") {
    test::UmockdevTestbed tb;
    emu::TpeEmulator tpe;
    auto fn = std::make_shared<test::UsbTpeFunction>(tpe);
    fn->corruptFirstAnswer();
    tb.plug(test::fakeTpeSpec(), fn, {.port = 4});
    auto r = payOver("usb:0b00:0084");
    INFO(r.detail);
    CHECK(r.outcome == Outcome::Approved);
    CHECK(fn->naksReceived() == 1);
}

TEST_CASE("payment.usb_refused_and_abandoned", "[payment][umockdev]") {
    test::UmockdevTestbed tb;
    emu::TpeScript s;
    s.behaviour = emu::TpeBehaviour::Refuse;
    s.delay = 20ms;
    emu::TpeEmulator tpe(s);
    auto fn = std::make_shared<test::UsbTpeFunction>(tpe);
    tb.plug(test::fakeTpeSpec(), fn, {.port = 4});
    CHECK(payOver("usb:0b00:0084").outcome == Outcome::Refused);
}

TEST_CASE("payment.usb_unplugged_mid_transaction_is_unknown", "[payment][umockdev]") {
    test::UmockdevTestbed tb;
    emu::TpeScript s;
    s.behaviour = emu::TpeBehaviour::Silent;  // the resident is typing the PIN…
    emu::TpeEmulator tpe(s);
    auto fn = std::make_shared<test::UsbTpeFunction>(tpe);
    auto dev = tb.plug(test::fakeTpeSpec(), fn, {.port = 4});
    std::thread unplug([&] {
        for (int i = 0; i < 100 && !fn->requestReceived(); ++i) std::this_thread::sleep_for(20ms);
        std::this_thread::sleep_for(100ms);
        tb.unplug(dev);  // …and someone pulls the cable
    });
    const auto t0 = std::chrono::steady_clock::now();
    auto r = payOver("usb:0b00:0084");
    unplug.join();
    INFO(r.detail);
    CHECK(r.outcome == Outcome::Unknown);
    CHECK(r.requestSent);
    CHECK(std::chrono::steady_clock::now() - t0 < 2500ms);  // noticed at once, not at the answer timeout
}

TEST_CASE("payment.usb_no_tpe_plugged_is_not_sent", "[payment][umockdev]") {
    test::UmockdevTestbed tb;
    auto r = payOver("usb:0b00:0084");
    CHECK(r.outcome == Outcome::NotSent);
    CHECK(r.detail.find("no payment terminal") != std::string::npos);
}
