// Scenario steps for the operator console:
//   console-gesture            five real taps in the top-left corner (the touch way in)
//   console-touch-anywhere     one tap in the middle of the screen (a resident's touch)
//   console-clock 301s         moves the PIN lockout's clock on, instead of waiting
//   console-seed-dead          stores a submission in the outbox (its public API, a second
//                              connection) and marks it dead, on a connector with no sender
//   expect-seeded STATE        that submission's state now (queued, dead, …)
#include <chrono>
#include <thread>

#include "kiosk/outbox/outbox_open.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "ui/console/console_runtime.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui::console_ui {
namespace {

std::string gSeeded;  // the uuid console-seed-dead stored

void tapAt(StepContext& c, float x, float y) {
    c.host.sleep(std::chrono::milliseconds(c.host.shell().config().debounceMs + 20));
    c.host.tap(x, y);
    c.host.settle();
}

Result<void> gesture(StepContext& c) {
    c.host.settle();
    const float corner = std::min(c.host.shell().context().width, c.host.shell().context().height) * 0.03f;
    for (int i = 0; i < console::OpeningGesture::kTaps; ++i) tapAt(c, corner, corner);
    return {};
}

Result<void> touchAnywhere(StepContext& c) {
    const auto& ctx = c.host.shell().context();
    tapAt(c, ctx.width * 0.5f, ctx.height * 0.5f);
    return {};
}

Result<void> clock(StepContext& c) {
    auto d = parseDuration(c.step.args[0]);
    if (!d) return d.error();
    ConsoleRuntime* rt = ConsoleRuntime::instance();
    if (!rt) return makeError(ErrorCode::NotFound, "the console extension is not running");
    rt->advanceClock(*d);
    c.host.shell().context().requestFrame();
    c.host.settle();
    return {};
}

Result<void> seedDead(StepContext& c) {
    integration::OutboxService* service = integration::outboxService();
    if (!service || !service->isOpen()) return makeError(ErrorCode::NotFound, "the outbox is not open");
    auto store = outbox::OutboxStore::open(outbox::storeOptionsFrom(service->config()));
    if (!store) return store.error();
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = "console-test";
    s.connector = "console-test";  // no sender runs for it: the state stays where we put it
    s.language = "fr";
    s.terminalId = "borne-test";
    s.createdAt = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    s.answers = {{"message", "demande de test"}};
    if (auto r = (*store)->store(s); !r) return r.error();
    auto entry = (*store)->find(s.uuid);
    if (!entry) return makeError(ErrorCode::NotFound, "the seeded submission is not in the outbox");
    auto dead = (*store)->markRetry(entry->id, "test: too many failures", false, outbox::nowMs(), 0, 0, 500);
    if (!dead) return dead.error();
    if (*dead != outbox::State::Dead) return makeError(ErrorCode::InvalidArgument, "the seeded submission is not dead");
    gSeeded = s.uuid;
    c.host.settle();
    return {};
}

Result<void> expectSeeded(StepContext& c) {
    integration::OutboxService* service = integration::outboxService();
    if (gSeeded.empty()) return makeError(ErrorCode::InvalidArgument, "no console-seed-dead before");
    if (!service) return makeError(ErrorCode::NotFound, "the outbox is not open");
    auto e = service->find(gSeeded);
    if (!e) return makeError(ErrorCode::NotFound, "the seeded submission is gone from the outbox");
    if (outbox::stateName(e->state) != c.step.args[0])
        return makeError(ErrorCode::InvalidArgument, std::string("the seeded submission is ") + outbox::stateName(e->state) +
                                                         ", expected " + c.step.args[0]);
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"console-gesture", "console-gesture (five taps in the top-left corner)", 0, 0, gesture});
GUICHET_SCENARIO_STEP({"console-touch-anywhere", "console-touch-anywhere (a tap mid-screen)", 0, 0, touchAnywhere});
GUICHET_SCENARIO_STEP({"console-clock", "console-clock 301s (the PIN lockout's clock)", 1, 1, clock});
GUICHET_SCENARIO_STEP({"console-seed-dead", "console-seed-dead (a dead submission in the outbox)", 0, 0, seedDead});
GUICHET_SCENARIO_STEP({"expect-seeded", "expect-seeded queued|dead|sent|…", 1, 1, expectSeeded});

}  // namespace guichet::ui::console_ui
