// Payment intents in a real outbox database: committed before the request leaves, the
// approval settled with the submission in one transaction (or not at all), open intents
// reported "à vérifier", and no card data in the logs.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "drivers/common/log.hpp"
#include "drivers/emulators/payment/tpe_emulator.hpp"
#include "drivers/emulators/payment/tpe_tcp_server.hpp"
#include "drivers/payment/tcp_link.hpp"
#include "kiosk/outbox/payment_intents.hpp"
#include "kiosk/payment/payment_service.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<outbox::OutboxStore> openStore(const test::TempDir& dir) {
    outbox::StoreOptions o;
    o.path = dir / "outbox.sqlite";
    auto s = outbox::OutboxStore::open(o);
    REQUIRE(s);
    return std::move(s.value());
}

Submission billSubmission() {
    Submission s;
    s.uuid = newUuid();
    s.procedureId = "paiement-facture";
    s.connector = "directory";
    s.language = "fr";
    s.terminalId = "t1";
    s.createdAt = 1700000000;
    s.answers = {{"reference_facture", "CANT-2026-0042"}};
    return s;
}

payment::PaymentConfig fastConfig(int port) {
    payment::PaymentConfig c;
    c.enabled = true;
    c.device = *payment::parseDeviceAddress("tcp://127.0.0.1:" + std::to_string(port));
    c.timeouts.connect = 1000ms;
    c.timeouts.answer = 2000ms;
    c.timeouts.cancelGrace = 500ms;
    return c;
}

// Captures what this process writes to stderr (the log) while alive.
class StderrCapture {
public:
    explicit StderrCapture(std::string path) : path_(std::move(path)) {
        std::fflush(stderr);
        saved_ = ::dup(2);
        int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, 2);
        ::close(fd);
    }
    std::string finish() {
        std::fflush(stderr);
        ::dup2(saved_, 2);
        ::close(saved_);
        std::ifstream in(path_);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

private:
    std::string path_;
    int saved_ = -1;
};

}  // namespace

TEST_CASE("payment.intent_committed_before_the_request_leaves", "[payment]") {
    test::TempDir dir;
    auto store = openStore(dir);
    outbox::PaymentIntents intents(store->db());
    emu::TpeEmulator tpe;
    // The TPE looks at the database when the request arrives: the intent must be there.
    bool intentWasThere = false;
    auto server = emu::TpeTcpServer::start(tpe, 0);
    REQUIRE(server);
    payment::PaymentService service(fastConfig((*server)->port()), &intents);
    std::atomic<bool> never{false};
    auto paid = service.pay("paiement-facture", "CANT-2026-0042", 1250, never, [&](payment::Step s) {
        if (s == payment::Step::WaitingForCard) {
            // A second connection sees committed rows only.
            auto other = outbox::OutboxStore::open([&] {
                outbox::StoreOptions o;
                o.path = dir / "outbox.sqlite";
                return o;
            }());
            REQUIRE(other);
            outbox::PaymentIntents seen((*other)->db());
            intentWasThere = seen.toCheck().size() == 1 && seen.toCheck()[0].state == "open";
        }
    });
    CHECK(intentWasThere);
    REQUIRE(paid.result.outcome == payment::Outcome::Approved);
    auto p = intents.find(paid.txn);
    REQUIRE(p);
    CHECK(p->state == "answered");  // approved, waiting for its submission
    CHECK(p->toCheck());
    CHECK(p->cardLast4 == "4242");
    CHECK(p->amountCents == 1250);
    CHECK(p->billReference == "CANT-2026-0042");

    Submission s = billSubmission();
    s.answers["paiement"] = payment::paymentSection(paid);
    REQUIRE(payment::PaymentService::storeWithPayment(*store, s, paid.txn));
    p = intents.find(paid.txn);
    CHECK(p->state == "settled");
    CHECK(p->submissionUuid == s.uuid);
    CHECK(intents.toCheck().empty());
    auto stored = store->loadSubmission(*store->find(s.uuid));
    REQUIRE(stored);
    CHECK(stored->answers["paiement"]["statut"] == "approved");
    CHECK(stored->answers["paiement"]["carte"] == "****4242");
    CHECK(stored->answers["paiement"]["transaction"] == paid.txn);
    CHECK(stored->answers["paiement"]["montant_centimes"] == 1250);
}

TEST_CASE("payment.settle_and_submission_commit_together_or_not_at_all", "[payment]") {
    test::TempDir dir;
    auto store = openStore(dir);
    outbox::PaymentIntents intents(store->db());
    auto intent = intents.open("paiement-facture", "F-1", 500, "978", "tcp test");
    REQUIRE(intent);
    // Settling an intent that was never approved fails: the submission is rolled back too.
    Submission s = billSubmission();
    auto r = payment::PaymentService::storeWithPayment(*store, s, intent->txn);
    CHECK_FALSE(r);
    CHECK_FALSE(store->find(s.uuid).has_value());
    CHECK(intents.find(intent->txn)->state == "open");
    // Once approved, both land.
    REQUIRE(intents.recordOutcome(intent->txn, "approved", "111111", "4242", ""));
    CHECK_FALSE(intents.recordOutcome(intent->txn, "approved", "111111", "4242", ""));  // recorded once
    REQUIRE(payment::PaymentService::storeWithPayment(*store, s, intent->txn));
    CHECK(store->find(s.uuid).has_value());
    CHECK(intents.find(intent->txn)->state == "settled");
}

TEST_CASE("payment.open_and_unknown_intents_are_reported_to_check", "[payment]") {
    test::TempDir dir;
    auto store = openStore(dir);
    outbox::PaymentIntents intents(store->db());
    auto open = intents.open("paiement-facture", "F-1", 500, "978", "tcp test");
    auto unknown = intents.open("paiement-facture", "F-2", 700, "978", "tcp test");
    auto refused = intents.open("paiement-facture", "F-3", 900, "978", "tcp test");
    REQUIRE((open && unknown && refused));
    REQUIRE(intents.recordOutcome(unknown->txn, "unknown", "", "", "connection closed"));
    REQUIRE(intents.recordOutcome(refused->txn, "refused", "", "", "AF=04"));
    StderrCapture cap(dir / "log.txt");
    const int n = outbox::reportIntentsToCheck(intents);
    const std::string log = cap.finish();
    CHECK(n == 2);
    CHECK(log.find(open->txn) != std::string::npos);
    CHECK(log.find(unknown->txn) != std::string::npos);
    CHECK(log.find(refused->txn) == std::string::npos);
    CHECK(log.find("à vérifier") != std::string::npos);
    REQUIRE(intents.markChecked(open->txn, "débité 5,00 € selon le journal du TPE").value());
    CHECK_FALSE(intents.markChecked(refused->txn, "x").value());
    CHECK(intents.toCheck().size() == 1);
}

TEST_CASE("payment.no_card_data_in_the_logs", "[payment]") {
    test::TempDir dir;
    auto store = openStore(dir);
    outbox::PaymentIntents intents(store->db());
    emu::TpeScript script;
    script.maskedPan = "513179######9876";
    script.delay = 20ms;
    emu::TpeEmulator tpe(script);
    auto server = emu::TpeTcpServer::start(tpe, 0);
    REQUIRE(server);
    payment::PaymentService service(fastConfig((*server)->port()), &intents);
    std::atomic<bool> never{false};
    StderrCapture cap(dir / "log.txt");
    guichet::log::setLevel(guichet::log::Level::Debug);
    auto paid = service.pay("paiement-facture", "F-9", 4200, never);
    for (auto b : {emu::TpeBehaviour::Refuse, emu::TpeBehaviour::CloseMidAnswer}) {
        script.behaviour = b;
        tpe.setScript(script);
        (void)service.pay("paiement-facture", "F-9", 4200, never);
    }
    (void)outbox::reportIntentsToCheck(intents);
    guichet::log::setLevel(guichet::log::Level::Info);
    const std::string log = cap.finish();
    REQUIRE(paid.result.outcome == payment::Outcome::Approved);
    CHECK(paid.result.answer.cardLast4 == "9876");
    CHECK_FALSE(log.empty());  // the payments were logged…
    for (const char* secret : {"513179", "######", "9876", "AA016"}) {
        INFO(secret);
        CHECK(log.find(secret) == std::string::npos);  // …without any of the card
    }
}
