// One card payment as an explicit state machine: connect, send the request, wait for the
// answer, each with its own timeout; cancellable at every step. The outcome says whether
// money was taken, was not, or may have been (Unknown: never retry that automatically).
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "drivers/payment/payment_link.hpp"
#include "drivers/payment/payment_request.hpp"

namespace guichet::payment {

enum class Step { Connecting, Sending, WaitingForCard, Finishing, Done };
const char* stepName(Step s);

enum class Outcome {
    Approved,   // the TPE took the money (AE 10)
    Refused,    // AE 01: refused, forbidden, format… (reason in failure/frenchReason)
    Abandoned,  // AE 01 AF 11/06: cancelled at the TPE (red key, or our cancel)
    TimedOut,   // AE 01 AF 08: the TPE gave up waiting for the card or PIN
    Unknown,    // the request left and no valid answer came back: money may have been taken
    NotSent,    // nothing left (TPE unreachable, cancelled before sending): no money taken
};
const char* outcomeName(Outcome o);  // "approved", "refused"… (JSON, database, logs)

struct Timeouts {
    Millis connect{5000};
    Millis send{5000};
    Millis answer{180000};      // PIN entry, card removal: minutes
    Millis cancelGrace{20000};  // after a cancel, how long the TPE may still answer
};

struct PaymentResult {
    Outcome outcome = Outcome::NotSent;
    CardAnswer answer;          // valid for Approved/Refused/Abandoned/TimedOut
    std::string frenchReason;   // for the resident (msgid), empty when approved
    std::string detail;         // for operators: what went wrong technically; no card data
    bool requestSent = false;
};

struct SessionHooks {
    std::function<void(Step)> onStep;
    // Called right before the request leaves: the caller commits its payment intent here.
    // Returning false stops the payment (NotSent): never send a request that is not recorded.
    std::function<bool()> beforeSend;
};

class PaymentSession {
public:
    PaymentSession(PaymentLink& link, Timeouts timeouts = {}) : link_(link), timeouts_(timeouts) {}

    // Runs to the end (blocking; run it off the UI thread). Raise `cancel` to stop: before
    // the request leaves the payment is NotSent; after, the TPE is given cancelGrace to
    // answer (the resident presses its red key), else the outcome is Unknown.
    PaymentResult run(const PaymentRequest& request, const std::atomic<bool>& cancel, const SessionHooks& hooks = {});

private:
    PaymentLink& link_;
    Timeouts timeouts_;
};

// A result from a decoded answer (shared with tests and tools).
PaymentResult resultFromAnswer(const CardAnswer& answer);

}  // namespace guichet::payment
