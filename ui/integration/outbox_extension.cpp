// The outbox in the running terminal: opened at start in the data folder (or where the
// outbox's own file says), handed to the wizard as ctx.services.submissions, its uploader
// stopped at exit. See docs/configuration.md.
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "drivers/common/log.hpp"
#include "ui/core/screen.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/integration/integration_config.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"

namespace guichet::ui::integration {
namespace {

OutboxService* gOutbox = nullptr;

class OutboxExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        // A temporary folder only for headless runs (tests, scenarios, the demo tour): a
        // terminal must never keep residents' demands where they vanish at exit.
        auto config = outboxConfigFor(ctx.config, effectiveDataDir(ctx.dataDir, ctx.demo), ctx.headless);
        if (!config) {
            // A configuration mistake is the operator's to fix, like a bad terminal.toml.
            ctx.refuseStart(2, config.error().message +
                                   "\nguichet: la configuration de l'outbox est invalide, la borne ne démarre pas");
            return;
        }
        // The wizard looks ctx.services.submissions up at each submission: start order does not matter.
        if (ctx.services.submissions)
            log::warning("outbox", "another submission store was registered: the outbox replaces it");
        temporaryDir_ = config->temporaryDir;
        if (!temporaryDir_.empty())
            log::warning("outbox", "no --data and no [outbox] config: submissions of this run are kept in " +
                                       temporaryDir_ + ", removed at exit");
        else if (ctx.demo || ctx.headless)
            log::info("outbox", std::string(ctx.demo ? "demo" : "headless") + " run: demands are kept in " +
                                    std::filesystem::absolute(config->config.database).string());
        service_ = std::make_unique<OutboxService>(std::move(config->config), config->forcedConnector);
        service_->open();  // a failure is logged; store() retries and answers the resident
        ctx.services.submissions = service_.get();
        gOutbox = service_.get();
    }
    void onShutdown(UiContext& ctx) override {
        if (!service_) return;
        service_->stop();
        if (ctx.services.submissions == service_.get()) ctx.services.submissions = nullptr;
        gOutbox = nullptr;
        if (!temporaryDir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(temporaryDir_, ec);
        }
    }

private:
    std::string temporaryDir_;
    std::unique_ptr<OutboxService> service_;
};
GUICHET_UI_EXTENSION(OutboxExtension);

}  // namespace

OutboxService* outboxService() { return gOutbox; }

}  // namespace guichet::ui::integration
