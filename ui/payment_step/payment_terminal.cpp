// Starts the terminal's card payment at UI start: reads the configuration, starts the
// software TPE with --demo, tells the wizard whether to offer "Payer maintenant par carte
// bancaire", and keeps payments whose page closed until their worker ends.
#include "ui/payment_step/payment_terminal.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <vector>

#include <toml++/toml.h>

#include "drivers/common/log.hpp"
#include "drivers/emulators/payment/tpe_tcp_server.hpp"
#include "ui/core/screen.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"
#include "ui/wizard/payment_step_hook.hpp"

namespace guichet::ui::payment_step {

std::unique_ptr<wizard::PaymentPage> makeCardPaymentPage(UiContext& ctx, procedures::WizardSession& session);
std::string spokenAmountOf(const procedures::WizardSession& session);

namespace {

struct State {
    std::optional<payment::PaymentConfig> config;
    std::mutex queueMutex;
    MainThreadQueue* queue = nullptr;  // null after shutdown: late workers wake nobody
    bool shutDown = false;
    std::unique_ptr<emu::TpeEmulator> emulator;
    std::unique_ptr<emu::TpeTcpServer> server;
    std::vector<std::shared_ptr<Flight>> orphans;
    std::vector<std::weak_ptr<Flight>> all;  // UI thread: every payment of the run, for paymentRunning()
};
State& state() {
    static State s;
    return s;
}

// [payment] in terminal.toml, else payment.toml next to it (config/payment.toml), else no
// card payment. An invalid file stops the start: the operator fixes it (file:line).
Result<std::optional<payment::PaymentConfig>> readConfig(const UiContext& ctx) {
    const auto& tc = ctx.config;
    if (tc.table && tc.table->contains("payment")) {
        auto c = payment::loadPaymentConfig(tc.sourcePath);
        if (!c) return c.error();
        return std::optional<payment::PaymentConfig>(*c);
    }
    if (tc.sourcePath.empty()) return std::optional<payment::PaymentConfig>();
    const auto file = std::filesystem::path(tc.sourcePath).parent_path() / "payment.toml";
    if (!std::filesystem::exists(file)) return std::optional<payment::PaymentConfig>();
    auto c = payment::loadPaymentConfig(file.string());
    if (!c) return c.error();
    return std::optional<payment::PaymentConfig>(*c);
}

// The demo's TPE: approves after a short "PIN entry"; scenario steps script other outcomes.
bool startDemoTpe(State& s) {
    s.emulator = std::make_unique<emu::TpeEmulator>();
    auto server = emu::TpeTcpServer::start(*s.emulator);  // its thread sleeps in poll() until a register connects
    if (!server) {
        log::warning("payment", "demo payment terminal: " + server.error().message);
        s.emulator.reset();
        return false;
    }
    s.server = std::move(*server);
    payment::PaymentConfig c;
    c.enabled = true;
    c.device.kind = payment::DeviceAddress::Kind::Tcp;
    c.device.host = "127.0.0.1";
    c.device.port = s.server->port();
    c.timeouts.answer = std::chrono::seconds(60);
    c.timeouts.cancelGrace = std::chrono::seconds(5);
    s.config = c;
    log::info("payment", "demo payment terminal (software TPE) on " + c.device.text());
    return true;
}

void reapOrphans(State& s) {
    std::erase_if(s.orphans, [](const std::shared_ptr<Flight>& f) {
        return f->step->phase() == payment::PaymentStep::Phase::Result;
    });
}

class PaymentExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        State& s = state();
        {
            std::lock_guard l(s.queueMutex);
            s.queue = &ctx.queue;
            s.shutDown = false;
        }
        if (ctx.demo) {
            startDemoTpe(s);
        } else {
            auto c = readConfig(ctx);
            if (!c) {
                ctx.refuseStart(2, c.error().message +
                                       "\nguichet: la configuration du terminal de paiement est invalide, la borne ne démarre pas");
                return;
            }
            s.config = *c;
            if (s.config && s.config->enabled) log::info("payment", "payment terminal: " + s.config->device.text());
        }
        auto& hook = wizard::paymentStepHook();
        hook.ready = &ready;
        hook.makePage = &makeCardPaymentPage;
        hook.spokenAmount = &spokenAmountOf;
    }
    void afterFrame(UiContext&) override {
        // A closed page's payment ended (its worker posted the wake-up that drew this frame).
        if (!state().orphans.empty()) reapOrphans(state());
    }
    void onShutdown(UiContext&) override {
        State& s = state();
        {
            std::lock_guard l(s.queueMutex);
            s.queue = nullptr;
            s.shutDown = true;  // pages closed from now on wait for their payment themselves
        }
        wizard::paymentStepHook() = {};
        for (auto& f : s.orphans) f->step->cancel();
        s.orphans.clear();  // joins: at exit, waiting for the TPE's answer is right
        s.server.reset();
        s.emulator.reset();
        s.config.reset();
    }
};
GUICHET_UI_EXTENSION(PaymentExtension);

}  // namespace

const std::optional<payment::PaymentConfig>& config() { return state().config; }

bool ready(UiContext&) {
    const auto& c = state().config;
    if (!c || !payment::terminalReady(*c)) return false;
    // No intent can be committed without the outbox: then nothing is charged at all.
    auto* outbox = integration::outboxService();
    return outbox && outbox->database();
}

std::shared_ptr<Flight> newFlight(UiContext& ctx) {
    if (!ready(ctx)) return nullptr;
    const std::string path = integration::outboxService()->config().database;
    auto db = outbox::openForPayments(path);
    if (!db) {
        log::error("payment", "no payment: the outbox database cannot be opened for payment intents: " + db.error().message);
        return nullptr;
    }
    auto flight = std::make_shared<Flight>(*state().config, std::move(*db));
    auto& all = state().all;
    std::erase_if(all, [](const std::weak_ptr<Flight>& w) { return w.expired(); });
    all.push_back(flight);
    return flight;
}

bool paymentRunning() {
    for (const auto& w : state().all)
        if (auto f = w.lock(); f && f->step) {
            const auto phase = f->step->phase();
            if (phase == payment::PaymentStep::Phase::Paying || phase == payment::PaymentStep::Phase::Cancelling) return true;
        }
    return false;
}

void wakeUi() {
    State& s = state();
    std::lock_guard l(s.queueMutex);
    if (s.queue) s.queue->post([] {});
}

void adopt(std::shared_ptr<Flight> flight) {
    if (!flight || !flight->step) return;
    flight->step->cancel();
    if (flight->step->phase() == payment::PaymentStep::Phase::Result) return;
    bool shutDown;
    {
        std::lock_guard l(state().queueMutex);
        shutDown = state().shutDown;
    }
    if (shutDown) {
        // Exiting: wait here for the TPE's answer (or the cancel grace) so it is committed.
        log::warning("payment", "exiting while the payment terminal has the request: waiting for its answer");
        return;  // the last reference goes: PaymentStep's destructor joins the worker
    }
    log::warning("payment", "the payment page closed while the payment terminal had the request: "
                            "waiting for its answer (an approval is reported \"à vérifier\")");
    state().orphans.push_back(std::move(flight));
}

emu::TpeEmulator* demoTpe() { return state().emulator.get(); }

void switchOffDemoTpe() { state().server.reset(); }

}  // namespace guichet::ui::payment_step
