#include "drivers/payment/payment_session.hpp"

#include "drivers/common/log.hpp"

namespace guichet::payment {

const char* stepName(Step s) {
    switch (s) {
        case Step::Connecting: return "connecting";
        case Step::Sending: return "sending";
        case Step::WaitingForCard: return "waiting-for-card";
        case Step::Finishing: return "finishing";
        case Step::Done: return "done";
    }
    return "?";
}

const char* outcomeName(Outcome o) {
    switch (o) {
        case Outcome::Approved: return "approved";
        case Outcome::Refused: return "refused";
        case Outcome::Abandoned: return "abandoned";
        case Outcome::TimedOut: return "timed-out";
        case Outcome::Unknown: return "unknown";
        case Outcome::NotSent: return "not-sent";
    }
    return "?";
}

PaymentResult resultFromAnswer(const CardAnswer& a) {
    PaymentResult r;
    r.requestSent = true;
    r.answer = a;
    if (a.status == AnswerStatus::Done) {
        r.outcome = Outcome::Approved;
        return r;
    }
    if (a.status == AnswerStatus::Acknowledged) {
        // We always ask BA=0 (answer at the end): an acknowledgement is not a result.
        r.outcome = Outcome::Unknown;
        r.detail = "the TPE only acknowledged the request (AE=11)";
        r.frenchReason = "Le résultat du paiement n'est pas connu.";
        return r;
    }
    r.frenchReason = failureFrench(a.failure);
    r.detail = std::string("AF=") + (a.failureCode.empty() ? "absent" : a.failureCode) + " (" + failureName(a.failure) + ")";
    switch (a.failure) {
        case Failure::Abandoned: r.outcome = Outcome::Abandoned; break;
        case Failure::Timeout: r.outcome = Outcome::TimedOut; break;
        default: r.outcome = Outcome::Refused; break;
    }
    return r;
}

PaymentResult PaymentSession::run(const PaymentRequest& request, const std::atomic<bool>& cancel,
                                  const SessionHooks& hooks) {
    auto step = [&](Step s) {
        if (hooks.onStep) hooks.onStep(s);
    };
    PaymentResult result;
    auto finish = [&](PaymentResult r) {
        link_.close();
        if (r.outcome == Outcome::Unknown && r.frenchReason.empty())
            r.frenchReason = "Le résultat du paiement n'est pas connu : la somme a peut-être été débitée.";
        step(Step::Done);
        log::info("payment", std::string(outcomeName(r.outcome)) + " on " + link_.describe() +
                                 (r.detail.empty() ? "" : ": " + r.detail));
        return r;
    };
    auto notSent = [&](const std::string& detail) {
        PaymentResult r;
        r.outcome = Outcome::NotSent;
        r.detail = detail;
        r.frenchReason = "Le terminal de paiement ne répond pas. Aucun paiement n'a été fait.";
        return finish(r);
    };

    auto message = buildRequest(request);
    if (!message) return notSent(message.error().message);
    auto bytes = encode(*message);
    if (!bytes) return notSent(bytes.error().message);

    step(Step::Connecting);
    if (cancel.load()) return notSent("cancelled before connecting");
    if (auto r = link_.open(timeouts_.connect); !r) return notSent(r.error().message);
    if (cancel.load()) return notSent("cancelled before sending");

    step(Step::Sending);
    if (hooks.beforeSend && !hooks.beforeSend()) return notSent("the payment intent could not be recorded");
    result.requestSent = true;
    if (auto r = link_.send(*bytes, timeouts_.send); !r) {
        // Some bytes may have left: the TPE may have started the transaction.
        result.outcome = Outcome::Unknown;
        result.detail = "sending failed: " + r.error().message;
        return finish(result);
    }

    step(Step::WaitingForCard);
    std::atomic<bool> never{false};
    auto answer = link_.receive(timeouts_.answer, cancel);
    if (!answer && answer.error().code == ErrorCode::Cancelled) {
        // Caisse-AP has no "abort" request over IP: the TPE must be stopped with its red
        // key. Keep listening a little: its abandon answer settles the outcome.
        step(Step::Finishing);
        answer = link_.receive(timeouts_.cancelGrace, never);
    }
    if (!answer) {
        result.outcome = Outcome::Unknown;
        result.detail = answer.error().message;
        return finish(result);
    }
    auto decoded = decode(*answer);
    if (!decoded) {
        result.outcome = Outcome::Unknown;
        result.detail = "malformed answer: " + decoded.error().message;
        return finish(result);
    }
    auto card = interpretAnswer(*decoded, request);
    if (!card) {
        result.outcome = Outcome::Unknown;
        result.detail = "unexpected answer: " + card.error().message;
        return finish(result);
    }
    return finish(resultFromAnswer(*card));
}

}  // namespace guichet::payment
