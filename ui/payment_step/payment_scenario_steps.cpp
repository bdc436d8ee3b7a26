// Scenario steps that script the demo's software TPE (guichet --demo):
//   tpe-next approve|contactless|refuse REASON|abandon|timeout|close-mid-answer|silent [DELAY_MS]
//            how the TPE answers the next payments (REASON: refused, forbidden, … or a code)
//   tpe-off  the TPE stops answering connections (switched off, cable pulled)
//   wait-tpe-requests N   until the TPE received N requests in all (10 s at most): the
//            request has left, so a cancel or a session end now leaves the outcome unknown
//   wait-payment [SECONDS]  until no payment waits for the TPE any more (30 s at most),
//            then until the UI drew the outcome: no fixed sleeps on a loaded machine
//   expect-tpe-debits N   the TPE took money exactly N times (never a second debit)
//   expect-payments-to-check N   N payments made during this run are "à vérifier" in the
//            outbox (the demo's database outlives runs: earlier runs' intents are not counted)
#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"
#include "ui/payment_step/payment_terminal.hpp"
#include "ui/scenario/scenario.hpp"

namespace guichet::ui::payment_step {
namespace {

// When the scenario steps were loaded: before any payment of this run.
std::int64_t runStartedAtMs() {
    static const std::int64_t at = std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch()).count();
    return at;
}
[[maybe_unused]] const bool kStartNoted = (runStartedAtMs(), true);

Result<emu::TpeEmulator*> tpe() {
    emu::TpeEmulator* t = demoTpe();
    if (!t) return makeError(ErrorCode::NotFound, "no software payment terminal (run guichet with --demo)");
    return t;
}

Result<void> next(StepContext& c) {
    auto t = tpe();
    if (!t) return t.error();
    const auto& a = c.step.args;
    emu::TpeScript script;
    std::size_t more = 1;
    const std::string& what = a[0];
    if (what == "approve") script.behaviour = emu::TpeBehaviour::ApproveContact;
    else if (what == "contactless") script.behaviour = emu::TpeBehaviour::ApproveContactless;
    else if (what == "abandon") script.behaviour = emu::TpeBehaviour::Abandon;
    else if (what == "timeout") script.behaviour = emu::TpeBehaviour::Timeout;
    else if (what == "close-mid-answer") script.behaviour = emu::TpeBehaviour::CloseMidAnswer;
    else if (what == "silent") script.behaviour = emu::TpeBehaviour::Silent;
    else if (what == "refuse") {
        if (a.size() < 2) return makeError(ErrorCode::InvalidArgument, "tpe-next refuse REASON (refused, forbidden, …)");
        auto code = emu::refuseCodeFor(a[1]);
        if (!code) return makeError(ErrorCode::InvalidArgument, "tpe-next refuse: unknown reason " + a[1]);
        script.behaviour = emu::TpeBehaviour::Refuse;
        script.refuseCode = *code;
        more = 2;
    } else {
        return makeError(ErrorCode::InvalidArgument,
                         "tpe-next approve|contactless|refuse REASON|abandon|timeout|close-mid-answer|silent [DELAY_MS]");
    }
    if (a.size() > more) script.delay = std::chrono::milliseconds(std::stoi(a[more]));
    (*t)->setScript(script);
    return {};
}

Result<void> waitPayment(StepContext& c) {
    const int seconds = c.step.args.empty() ? 30 : std::stoi(c.step.args[0]);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    c.host.settle();
    while (paymentRunning()) {
        if (std::chrono::steady_clock::now() > deadline)
            return makeError(ErrorCode::Timeout, "the payment still waits for the TPE after " + std::to_string(seconds) + " s");
        c.host.sleep(std::chrono::milliseconds(20));
        c.host.settle();
    }
    c.host.settle();
    return {};
}

Result<void> waitRequests(StepContext& c) {
    auto t = tpe();
    if (!t) return t.error();
    const int wanted = std::stoi(c.step.args[0]);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((*t)->requests() < wanted) {
        if (std::chrono::steady_clock::now() > deadline)
            return makeError(ErrorCode::Timeout, "the payment terminal received " + std::to_string((*t)->requests()) +
                                                     " request(s), expected " + c.step.args[0]);
        c.host.sleep(std::chrono::milliseconds(20));
        c.host.settle();
    }
    return {};
}

Result<void> off(StepContext&) {
    auto t = tpe();
    if (!t) return t.error();
    switchOffDemoTpe();
    return {};
}

Result<void> expectDebits(StepContext& c) {
    auto t = tpe();
    if (!t) return t.error();
    const int wanted = std::stoi(c.step.args[0]);
    if ((*t)->debitsApproved() != wanted)
        return makeError(ErrorCode::Protocol, "the payment terminal debited " + std::to_string((*t)->debitsApproved()) +
                                                  " time(s), expected " + c.step.args[0]);
    return {};
}

Result<void> expectToCheck(StepContext& c) {
    auto* outbox = integration::outboxService();
    outbox::Db* db = outbox ? outbox->database() : nullptr;
    if (!db) return makeError(ErrorCode::NotFound, "the outbox is not open");
    std::size_t n = 0;
    for (const auto& p : outbox::PaymentIntents(*db).toCheck()) n += p.createdAtMs >= runStartedAtMs();
    if (std::to_string(n) != c.step.args[0])
        return makeError(ErrorCode::Protocol, std::to_string(n) + " payment(s) of this run to check, expected " + c.step.args[0]);
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"tpe-next", "tpe-next approve|contactless|refuse REASON|abandon|timeout|close-mid-answer|silent [DELAY_MS]",
                       1, 3, next});
GUICHET_SCENARIO_STEP({"tpe-off", "tpe-off", 0, 0, off});
GUICHET_SCENARIO_STEP({"wait-tpe-requests", "wait-tpe-requests N", 1, 1, waitRequests});
GUICHET_SCENARIO_STEP({"wait-payment", "wait-payment [SECONDS]", 0, 1, waitPayment});
GUICHET_SCENARIO_STEP({"expect-tpe-debits", "expect-tpe-debits N", 1, 1, expectDebits});
GUICHET_SCENARIO_STEP({"expect-payments-to-check", "expect-payments-to-check N", 1, 1, expectToCheck});

}  // namespace guichet::ui::payment_step
