// One card payment for the core: records the intent in the outbox database before the
// request leaves, runs the TPE session, records the outcome. An approved payment is then
// settled with its submission (settleWith) in the submission's own transaction.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "drivers/payment/payment_link.hpp"
#include "drivers/payment/payment_session.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/outbox/payment_intents.hpp"
#include "kiosk/payment/payment_config.hpp"

namespace guichet::payment {

// A link for an address; Auto tries the known USB TPEs. nullptr + reason when impossible.
Result<std::unique_ptr<PaymentLink>> makeLink(const DeviceAddress& address);

struct PaidBill {
    PaymentResult result;
    std::string txn;              // empty when nothing was recorded (no database, or not sent)
    std::int64_t amountCents = 0;
    std::string currency;
    std::int64_t atUnix = 0;      // when the TPE answered
};

// The payment section of a submission (answers["paiement"]) and of the receipt: status,
// authorisation, amount, time, transaction, card ****1234. No other card data.
nlohmann::json paymentSection(const PaidBill& paid);

class PaymentService {
public:
    // intents may be null (guichetctl pay without --db): nothing is recorded then.
    PaymentService(PaymentConfig config, outbox::PaymentIntents* intents)
        : config_(std::move(config)), intents_(intents) {}

    // Blocking: run it on a worker. `link` overrides the configured device (tests, demo).
    PaidBill pay(const std::string& procedureId, const std::string& billReference, std::int64_t amountCents,
                 const std::atomic<bool>& cancel, const std::function<void(Step)>& onStep = {},
                 PaymentLink* link = nullptr);

    // Stores the submission and settles the approved payment in one transaction.
    static Result<void> storeWithPayment(outbox::OutboxStore& store, const Submission& submission,
                                         const std::string& txn);

    const PaymentConfig& config() const { return config_; }

private:
    PaymentConfig config_;
    outbox::PaymentIntents* intents_;
};

}  // namespace guichet::payment
