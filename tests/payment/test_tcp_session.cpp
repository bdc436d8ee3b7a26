// The payment state machine over real TCP against the software TPE, one test per outcome:
// approved (contact, contactless), refused, abandoned, TPE timeout, slow PIN + cancel,
// silence, connection closed before / in the middle of the answer, TPE unreachable.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "drivers/emulators/payment/tpe_emulator.hpp"
#include "drivers/emulators/payment/tpe_tcp_server.hpp"
#include "drivers/payment/payment_session.hpp"
#include "drivers/payment/tcp_link.hpp"

using namespace guichet;
using namespace guichet::payment;
using namespace std::chrono_literals;

namespace {

struct Bench {
    emu::TpeEmulator tpe;
    std::unique_ptr<emu::TpeTcpServer> server;
    explicit Bench(emu::TpeScript s) : tpe(std::move(s)) {
        auto r = emu::TpeTcpServer::start(tpe, 0);
        REQUIRE(r);
        server = std::move(r.value());
    }
    PaymentResult pay(std::int64_t cents, Timeouts t = fastTimeouts(), std::atomic<bool>* cancel = nullptr,
                      std::vector<Step>* steps = nullptr) {
        TcpLink link("127.0.0.1", server->port());
        PaymentSession session(link, t);
        PaymentRequest req;
        req.amountCents = cents;
        std::atomic<bool> never{false};
        SessionHooks hooks;
        if (steps) hooks.onStep = [steps](Step s) { steps->push_back(s); };
        return session.run(req, cancel ? *cancel : never, hooks);
    }
    static Timeouts fastTimeouts() {
        Timeouts t;
        t.connect = 1000ms;
        t.send = 1000ms;
        t.answer = 3000ms;
        t.cancelGrace = 1000ms;
        return t;
    }
};

emu::TpeScript script(emu::TpeBehaviour b, std::chrono::milliseconds delay = 50ms) {
    emu::TpeScript s;
    s.behaviour = b;
    s.delay = delay;
    return s;
}

}  // namespace

TEST_CASE("payment.tcp_approved_contact_and_contactless", "[payment]") {
    Bench b(script(emu::TpeBehaviour::ApproveContact));
    std::vector<Step> steps;
    auto r = b.pay(1250, Bench::fastTimeouts(), nullptr, &steps);
    CHECK(r.outcome == Outcome::Approved);
    CHECK(r.answer.cardLast4 == "4242");
    CHECK(r.answer.authorisation.size() == 6);
    CHECK_FALSE(r.answer.contactless);
    CHECK(steps == std::vector<Step>{Step::Connecting, Step::Sending, Step::WaitingForCard, Step::Done});
    b.tpe.setScript(script(emu::TpeBehaviour::ApproveContactless));
    auto c = b.pay(99);
    CHECK(c.outcome == Outcome::Approved);
    CHECK(c.answer.contactless);
    CHECK(b.tpe.debitsApproved() == 2);
}

TEST_CASE("payment.tcp_refused_with_each_reason", "[payment]") {
    Bench b(script(emu::TpeBehaviour::Refuse));
    for (const char* reason : {"refused", "forbidden", "format", "not-completed", "currency"}) {
        INFO(reason);
        auto s = script(emu::TpeBehaviour::Refuse);
        s.refuseCode = *emu::refuseCodeFor(reason);
        b.tpe.setScript(s);
        auto r = b.pay(1250);
        CHECK(r.outcome == Outcome::Refused);
        CHECK_FALSE(r.frenchReason.empty());
        CHECK(r.answer.failureCode == s.refuseCode);
    }
    CHECK(b.tpe.debitsApproved() == 0);
}

TEST_CASE("payment.tcp_abandoned_and_tpe_timeout", "[payment]") {
    Bench b(script(emu::TpeBehaviour::Abandon));
    CHECK(b.pay(1250).outcome == Outcome::Abandoned);
    b.tpe.setScript(script(emu::TpeBehaviour::Timeout));
    CHECK(b.pay(1250).outcome == Outcome::TimedOut);
}

TEST_CASE("payment.tcp_slow_pin_waits_for_the_answer", "[payment]") {
    Bench b(script(emu::TpeBehaviour::ApproveContact, 1200ms));
    std::vector<Step> steps;
    auto r = b.pay(1250, Bench::fastTimeouts(), nullptr, &steps);
    CHECK(r.outcome == Outcome::Approved);
}

TEST_CASE("payment.tcp_cancel_while_waiting_lets_the_tpe_settle_it", "[payment]") {
    Bench b(script(emu::TpeBehaviour::Abandon, 600ms));  // the resident presses the red key
    std::atomic<bool> cancel{false};
    std::thread t([&] {
        std::this_thread::sleep_for(150ms);
        cancel = true;
    });
    std::vector<Step> steps;
    auto r = b.pay(1250, Bench::fastTimeouts(), &cancel, &steps);
    t.join();
    CHECK(r.outcome == Outcome::Abandoned);
    CHECK(std::find(steps.begin(), steps.end(), Step::Finishing) != steps.end());

    // A TPE that stays silent after the cancel: the outcome is unknown, never "not paid".
    b.tpe.setScript(script(emu::TpeBehaviour::Silent));
    cancel = false;
    std::thread t2([&] {
        std::this_thread::sleep_for(150ms);
        cancel = true;
    });
    const auto start = std::chrono::steady_clock::now();
    auto u = b.pay(1250, Bench::fastTimeouts(), &cancel);
    t2.join();
    CHECK(u.outcome == Outcome::Unknown);
    CHECK(std::chrono::steady_clock::now() - start < 2500ms);  // cancel + grace, not the answer timeout
}

TEST_CASE("payment.tcp_cancel_before_sending_is_not_sent", "[payment]") {
    Bench b(script(emu::TpeBehaviour::ApproveContact));
    std::atomic<bool> cancel{true};
    auto r = b.pay(1250, Bench::fastTimeouts(), &cancel);
    CHECK(r.outcome == Outcome::NotSent);
    CHECK_FALSE(r.requestSent);
    CHECK(b.tpe.requests() == 0);
}

TEST_CASE("payment.tcp_lost_connection_after_request_is_unknown", "[payment]") {
    Bench b(script(emu::TpeBehaviour::CloseBeforeAnswer));
    auto r = b.pay(1250);
    CHECK(r.outcome == Outcome::Unknown);
    CHECK(r.requestSent);
    CHECK(r.detail.find("closed before the answer") != std::string::npos);
    b.tpe.setScript(script(emu::TpeBehaviour::CloseMidAnswer));
    auto m = b.pay(1250);
    CHECK(m.outcome == Outcome::Unknown);
    CHECK(m.detail.find("middle of the answer") != std::string::npos);
    CHECK(b.tpe.debitsApproved() == 1);  // the money was taken: "unknown" is the honest answer
    b.tpe.setScript(script(emu::TpeBehaviour::Silent));
    auto t = Bench::fastTimeouts();
    t.answer = 400ms;
    auto s = b.pay(1250, t);
    CHECK(s.outcome == Outcome::Unknown);
    CHECK(s.detail.find("no answer in time") != std::string::npos);
}

TEST_CASE("payment.tcp_unreachable_tpe_is_not_sent", "[payment]") {
    int port;
    {
        Bench b(script(emu::TpeBehaviour::ApproveContact));
        port = b.server->port();
    }  // closed: nothing listens there any more
    TcpLink link("127.0.0.1", port);
    PaymentSession session(link, Bench::fastTimeouts());
    PaymentRequest req;
    req.amountCents = 1250;
    std::atomic<bool> never{false};
    auto r = session.run(req, never);
    CHECK(r.outcome == Outcome::NotSent);
    CHECK(r.frenchReason.find("Aucun paiement") != std::string::npos);
}

TEST_CASE("payment.tcp_intent_not_recorded_means_not_sent", "[payment]") {
    Bench b(script(emu::TpeBehaviour::ApproveContact));
    TcpLink link("127.0.0.1", b.server->port());
    PaymentSession session(link, Bench::fastTimeouts());
    PaymentRequest req;
    req.amountCents = 1250;
    std::atomic<bool> never{false};
    SessionHooks hooks;
    hooks.beforeSend = [] { return false; };  // the outbox could not commit the intent
    auto r = session.run(req, never, hooks);
    CHECK(r.outcome == Outcome::NotSent);
    std::this_thread::sleep_for(100ms);
    CHECK(b.tpe.requests() == 0);
}

TEST_CASE("payment.tcp_answer_in_several_segments", "[payment]") {
    // A hand-written TPE that writes its answer in three pieces 30 ms apart.
    emu::TpeEmulator tpe;
    int lfd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(lfd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    ::listen(lfd, 1);
    socklen_t len = sizeof a;
    ::getsockname(lfd, reinterpret_cast<sockaddr*>(&a), &len);
    std::thread peer([&] {
        int fd = ::accept(lfd, nullptr, nullptr);
        char buf[512];
        (void)::recv(fd, buf, sizeof buf, 0);
        const std::string answer = "CZ0040300CA00201CB0041250CD0010CE003978AE00210AC006111111";
        for (std::size_t off = 0; off < answer.size(); off += 20) {
            (void)::send(fd, answer.data() + off, std::min<std::size_t>(20, answer.size() - off), 0);
            std::this_thread::sleep_for(30ms);
        }
        ::close(fd);
    });
    TcpLink link("127.0.0.1", ntohs(a.sin_port));
    PaymentSession session(link, Bench::fastTimeouts());
    PaymentRequest req;
    req.amountCents = 1250;
    std::atomic<bool> never{false};
    auto r = session.run(req, never);
    peer.join();
    ::close(lfd);
    CHECK(r.outcome == Outcome::Approved);
    CHECK(r.answer.authorisation == "111111");
}

TEST_CASE("payment.tcp_emulator_port_taken_is_busy_and_says_which", "[payment]") {
    // The demo starts the terminal's emulators on fixed ports: a second terminal (or a
    // stale one) on the same machine must get a clear "busy" naming the emulator and port.
    emu::TpeEmulator first, second;
    auto a = emu::TpeTcpServer::start(first, 0);
    REQUIRE(a.ok());
    auto b = emu::TpeTcpServer::start(second, a.value()->port());
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().code == ErrorCode::Busy);
    CHECK(b.error().message == "tpe emulator: cannot listen on 127.0.0.1:" + std::to_string(a.value()->port()) +
                                   ": Address already in use");
    // The first one still answers.
    TcpLink link("127.0.0.1", a.value()->port());
    CHECK(link.open(Millis(2000)).ok());
}
