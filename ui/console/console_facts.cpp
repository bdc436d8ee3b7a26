#include "ui/console/console_facts.hpp"

#include <chrono>
#include <filesystem>
#include <unistd.h>

#include "kiosk/version/version.hpp"
#include "ui/appliance/device_reports.hpp"
#include "ui/integration/integration_config.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"
#include "ui/payment_step/payment_terminal.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::console_ui {

ConsoleFacts gatherConsoleFacts(UiContext& ctx) {
    ConsoleFacts f;
    const auto now = std::chrono::system_clock::now();
    const std::int64_t nowS = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const std::string dataDir = integration::effectiveDataDir(ctx.dataDir, ctx.demo);
    auto& in = f.inputs;
    if (auto cfg = appliance::applianceConfigFrom(ctx.config)) in.config = *cfg;
    if (in.config.stateDir.empty()) in.config.stateDir = dataDir;
    in.now = nowS;

    // The heartbeat this terminal would write now: same devices, same switch.
    appliance::Heartbeat h;
    h.version = softwareVersion();
    h.terminalId = ctx.config.terminalId;
    h.pid = static_cast<long>(getpid());
    h.writtenAt = nowS;
    h.startedAt = nowS;
    h.outOfService = ctx.outOfService;
    h.devices = appliance_ui::deviceReports(ctx.services);
    in.heartbeat = std::move(h);

    integration::OutboxService* outbox = integration::outboxService();
    f.outboxDatabase = outbox ? outbox->config().database : appliance::outboxDatabasePath(in.config);
    auto facts = appliance::readOutboxFacts(f.outboxDatabase, nowS * 1000);
    if (facts) in.outbox = std::move(*facts);
    else in.outboxError = facts.error().message;
    f.report = appliance::assess(in);

    if (auto printer = integration::printerConfigFor(ctx.config, dataDir, ctx.demo)) {
        f.printerEmulated = printer->demo;
        f.printerModel = printer->printerProfile;
    }
    f.paymentConfigured = payment_step::config().has_value();
    f.paymentReady = f.paymentConfigured && payment_step::ready(ctx);

    std::error_code ec;
    auto space = std::filesystem::space(dataDir.empty() ? std::string(".") : dataDir, ec);
    if (!ec) {
        f.diskFree = space.available;
        f.diskTotal = space.capacity;
    }
    f.catalogue = appliance::fingerprintCatalogue(wizard::catalogueDirectory(ctx));
    if (auto* rt = wizard::WizardRuntime::instance()) f.procedures = static_cast<int>(rt->catalogue().procedures.size());
    return f;
}

}  // namespace guichet::ui::console_ui
