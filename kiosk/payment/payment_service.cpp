#include "kiosk/payment/payment_service.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "drivers/common/log.hpp"
#include "drivers/payment/tcp_link.hpp"
#include "kiosk/payment/usb_link_factory.hpp"

namespace guichet::payment {
namespace {

// Fail point for the crash tests (tests/payment): sleeps between the TPE's answer and the
// commit of the outcome, so that a kill -9 lands exactly in the window that matters.
void failPointBeforeCommit() {
    if (const char* ms = std::getenv("GUICHET_FAILPOINT_PAYMENT_BEFORE_COMMIT_MS")) {
        log::warning("payment", "fail point: pausing before the outcome is committed");
        std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(ms)));
    }
}

}  // namespace

Result<std::unique_ptr<PaymentLink>> makeLink(const DeviceAddress& a) {
    if (a.kind == DeviceAddress::Kind::Tcp) return std::unique_ptr<PaymentLink>(new TcpLink(a.host, a.port));
    return makeUsbLink(a);
}

nlohmann::json paymentSection(const PaidBill& p) {
    nlohmann::json j = {{"statut", outcomeName(p.result.outcome)},
                        {"montant_centimes", p.amountCents},
                        {"devise", p.currency},
                        {"transaction", p.txn},
                        {"horodatage", p.atUnix}};
    if (!p.result.answer.authorisation.empty()) j["autorisation"] = p.result.answer.authorisation;
    if (!p.result.answer.cardLast4.empty()) j["carte"] = "****" + p.result.answer.cardLast4;
    if (!p.result.answer.paymentMode.empty()) j["mode"] = p.result.answer.paymentMode;
    return j;
}

PaidBill PaymentService::pay(const std::string& procedureId, const std::string& billReference,
                             std::int64_t amountCents, const std::atomic<bool>& cancel,
                             const std::function<void(Step)>& onStep, PaymentLink* link) {
    PaidBill paid;
    paid.amountCents = amountCents;
    paid.currency = config_.currency;
    std::unique_ptr<PaymentLink> owned;
    if (!link) {
        auto made = makeLink(config_.device);
        if (!made) {
            paid.result.outcome = Outcome::NotSent;
            paid.result.detail = made.error().message;
            paid.result.frenchReason = "Le terminal de paiement ne répond pas. Aucun paiement n'a été fait.";
            paid.atUnix = std::time(nullptr);
            log::warning("payment", "not-sent: " + made.error().message);
            return paid;
        }
        owned = std::move(made.value());
        link = owned.get();
    }
    PaymentRequest request;
    request.amountCents = amountCents;
    request.currency = config_.currency;
    request.registerNumber = config_.registerNumber;
    request.concertId = config_.concertId;

    SessionHooks hooks;
    hooks.onStep = onStep;
    hooks.beforeSend = [&] {
        if (!intents_) return true;
        auto intent = intents_->open(procedureId, billReference, amountCents, config_.currency, link->describe());
        if (!intent) {
            log::error("payment", "the payment intent could not be committed: " + intent.error().message);
            return false;
        }
        paid.txn = intent->txn;
        return true;
    };
    PaymentSession session(*link, config_.timeouts);
    paid.result = session.run(request, cancel, hooks);
    paid.atUnix = std::time(nullptr);
    if (intents_ && !paid.txn.empty()) {
        failPointBeforeCommit();
        const auto& a = paid.result.answer;
        if (auto r = intents_->recordOutcome(paid.txn, outcomeName(paid.result.outcome), a.authorisation, a.cardLast4,
                                             paid.result.detail);
            !r)
            // The intent stays open: it is reported "à vérifier", which is the truth.
            log::error("payment", paid.txn + ": the outcome could not be committed: " + r.error().message);
    }
    return paid;
}

Result<void> PaymentService::storeWithPayment(outbox::OutboxStore& store, const Submission& submission,
                                              const std::string& txn) {
    outbox::PaymentIntents intents(store.db());
    return store.store(submission, [&] { return intents.settle(txn, submission.uuid); });
}

}  // namespace guichet::payment
