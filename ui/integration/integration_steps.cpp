// Scenario steps that look past the screen, at what the terminal really did:
//   expect-delivered [SECONDS]  the last stored submission reaches "sent" in the outbox
//                               (the uploader delivered it) within SECONDS (default 15)
//   expect-receipt "text"       the last receipt cut by the emulated printer has a line
//                               containing text; {reference} stands for the reference of
//                               the last stored submission
#include <chrono>

#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"
#include "ui/scenario/scenario.hpp"

namespace guichet::ui::integration {
namespace {

using Clock = std::chrono::steady_clock;

// Polls `check` (UI kept alive between polls) until it returns an empty string or the
// deadline passes; then the last explanation is the failure.
Result<void> waitUntil(StepContext& c, std::chrono::milliseconds timeout, const std::function<std::string()>& check) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        std::string why = check();
        if (why.empty()) return {};
        if (Clock::now() >= deadline) return makeError(ErrorCode::Timeout, why);
        c.host.sleep(std::chrono::milliseconds(100));
        c.host.settle();
    }
}

Result<void> expectDelivered(StepContext& c) {
    int seconds = 15;
    if (!c.step.args.empty()) {
        try {
            seconds = std::stoi(c.step.args[0]);
        } catch (...) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > 600) return makeError(ErrorCode::InvalidArgument, "SECONDS must be 1..600");
    }
    return waitUntil(c, std::chrono::seconds(seconds), [] {
        OutboxService* outbox = outboxService();
        if (!outbox || !outbox->isOpen()) return std::string("the outbox is not open");
        if (outbox->lastUuid().empty()) return std::string("no submission was stored in the outbox");
        auto entry = outbox->find(outbox->lastUuid());
        if (!entry) return "submission " + outbox->lastUuid() + " is not in the outbox";
        if (entry->state == outbox::State::Sent) return std::string();
        return std::string("submission is ") + outbox::stateName(entry->state) + " after " +
               std::to_string(entry->attempts) + " attempt(s)" +
               (entry->lastError.empty() ? "" : " (" + entry->lastError + ")");
    });
}

Result<void> expectReceipt(StepContext& c) {
    std::string wanted = c.step.args[0];
    if (auto at = wanted.find("{reference}"); at != std::string::npos) {
        OutboxService* outbox = outboxService();
        auto entry = outbox && !outbox->lastUuid().empty() ? outbox->find(outbox->lastUuid()) : std::nullopt;
        if (!entry) return makeError(ErrorCode::NotFound, "{reference}: no submission was stored in the outbox");
        wanted.replace(at, 11, entry->reference);
    }
    return waitUntil(c, std::chrono::seconds(10), [&] {
        auto text = lastReceiptText();
        if (!text) return std::string("no receipt was printed (emulated printer)");
        for (const auto& line : *text)
            if (line.find(wanted) != std::string::npos) return std::string();
        std::string all;
        for (const auto& line : *text) all += "\n  | " + line;
        return "the last receipt has no line containing \"" + wanted + "\":" + all;
    });
}

}  // namespace

GUICHET_SCENARIO_STEP({"expect-delivered", "expect-delivered [SECONDS]", 0, 1, expectDelivered});
GUICHET_SCENARIO_STEP({"expect-receipt", "expect-receipt \"text\"", 1, 1, expectReceipt});

}  // namespace guichet::ui::integration
