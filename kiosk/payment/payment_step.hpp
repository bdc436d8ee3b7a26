// The wizard's card payment page as a model, without ImGui: whether to offer it, the
// payment running on a worker, progress, cancel, and the result page's plain-French texts.
// The UI draws phase() and texts(); strings are French msgids for gettext.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/payment/payment_service.hpp"

namespace guichet::payment {

// "Payer maintenant par carte bancaire" is offered only when this is true: payment enabled
// and the TPE configured (TCP: an address — no probe connection, which a TPE may count as
// a transaction attempt; USB/auto: the device is plugged).
bool terminalReady(const PaymentConfig& config);

struct PaymentTexts {
    std::string title;       // page heading
    std::string amount;      // "12,50 €", shown very large
    std::string spoken;      // what speech says on arrival: the amount in words-friendly form
    std::string body;        // what to do now / what happened
    std::string next;        // what to do next (result page)
    bool alert = false;      // a failure: declared as an a11y alert
};

class PaymentStep {
public:
    enum class Phase { Offer, Paying, Cancelling, Result };

    PaymentStep(PaymentService& service, std::string procedureId, std::string billReference, std::int64_t amountCents);
    ~PaymentStep();  // cancels and joins a payment in flight
    PaymentStep(const PaymentStep&) = delete;
    PaymentStep& operator=(const PaymentStep&) = delete;

    // The resident chose "Payer maintenant par carte bancaire" (again, after a refusal).
    // `link` overrides the configured TPE (tests, demo emulator).
    void start(PaymentLink* link = nullptr);
    // Annuler, the session ended, the resident walked away.
    void cancel();
    // Called on the worker after each progress step and once the result is in: the UI posts
    // a wake-up to its own thread with it (no polling while the resident pays). Set before start.
    void setOnChange(std::function<void()> f) { onChange_ = std::move(f); }

    Phase phase() const;
    Step step() const { return step_.load(); }
    std::optional<PaidBill> result() const;
    PaymentTexts texts() const;
    // After a refusal/abandon the resident may try again (another card); never after unknown.
    bool mayRetry() const;

private:
    bool mayRetryLocked() const;
    PaymentService& service_;
    std::string procedureId_, billReference_;
    std::int64_t amountCents_;
    mutable std::mutex mutex_;
    Phase phase_ = Phase::Offer;
    std::optional<PaidBill> result_;
    std::atomic<Step> step_{Step::Connecting};
    std::atomic<bool> cancel_{false};
    std::function<void()> onChange_;
    std::thread worker_;
};

}  // namespace guichet::payment
