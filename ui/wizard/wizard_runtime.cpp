#include "ui/wizard/wizard_runtime.hpp"
#include "ui/wizard/payment_step_hook.hpp"

#include <cstdio>
#include <cstdlib>

#include <toml++/toml.h>

#include "drivers/common/log.hpp"
#include "ui/core/icons.hpp"
#include "ui/core/screen.hpp"
#include "ui/wizard/field_widgets.hpp"

namespace guichet::ui::wizard {

PaymentStepHook& paymentStepHook() {
    static PaymentStepHook hook;
    return hook;
}

namespace {
WizardRuntime* gRuntime = nullptr;

// The store the wizard talks to: the one an extension registered in ctx.services (the
// outbox), looked up at each submission because extensions start in any order; the
// in-memory fallback only when none is registered. Also records the last submission for
// the scenarios' expect-submission step.
class RecordingStore : public SubmissionStore {
public:
    RecordingStore(UiContext& ctx, SubmissionStore& fallback, WizardRuntime& runtime)
        : ctx_(ctx), fallback_(fallback), runtime_(runtime) {}
    Result<void> store(const Submission& s) override { return storeSettlingPayment(s, {}); }
    Result<void> storeSettlingPayment(const Submission& s, const std::string& paymentTxn) override {
        SubmissionStore* inner = ctx_.services.submissions;
        if (!inner) {
            if (!warned_) log::warning("wizard", "no submission store registered: submissions are kept in memory only");
            warned_ = true;
            inner = &fallback_;
        }
        auto r = paymentTxn.empty() ? inner->store(s) : inner->storeSettlingPayment(s, paymentTxn);
        if (r) runtime_.rememberSubmission(s);
        return r;
    }

private:
    UiContext& ctx_;
    SubmissionStore& fallback_;
    WizardRuntime& runtime_;
    bool warned_ = false;
};
std::unique_ptr<RecordingStore> gRecording;

class WizardExtension : public UiExtension {
public:
    void onStart(UiContext& ctx) override {
        runtime_.start(ctx);
        gRuntime = &runtime_;
        sessionHook_ = ctx.session.onEnd([this](Session::EndReason) { runtime_.endSession(); });
    }
    void onSessionEnd(UiContext&) override { runtime_.endSession(); }
    void onShutdown(UiContext& ctx) override {
        ctx.session.removeOnEnd(sessionHook_);
        runtime_.endSession();
        gRuntime = nullptr;
    }

private:
    WizardRuntime runtime_;
    int sessionHook_ = 0;
};
GUICHET_UI_EXTENSION(WizardExtension);

const char* tileIcon(const std::string& icon) {
    // The catalogue names its icon; anything the shell does not draw becomes a document.
    for (std::string_view k : iconNames())
        if (icon == k) return k.data();  // the names are string literals
    return "document";
}

class CatalogueTiles : public HomeTileProvider {
public:
    std::vector<HomeTile> tiles(UiContext& ctx) override {
        std::vector<HomeTile> out;
        auto* rt = WizardRuntime::instance();
        if (!rt) return out;
        for (const auto& p : rt->catalogue().procedures) {
            HomeTile t;
            t.id = p.id;
            t.title = p.title.in(ctx.session.language());
            t.icon = tileIcon(p.icon);
            t.open = p.kind == "information" ? Intent::push("wizard.info", p.id) : Intent::push("wizard", p.id);
            t.order = p.order;
            out.push_back(std::move(t));
        }
        return out;
    }
};
GUICHET_HOME_TILES(CatalogueTiles);

}  // namespace

WizardRuntime* WizardRuntime::instance() { return gRuntime; }

std::string catalogueDirectory(const UiContext& ctx) {
    if (ctx.config.table)
        if (auto dir = (*ctx.config.table)["catalogue"]["dir"].value<std::string>()) return *dir;
    if (const char* env = std::getenv("GUICHET_CATALOGUE")) return env;
#ifdef GUICHET_DATADIR  // installed by the Debian package: the default catalogue
    return GUICHET_DATADIR "/procedures";
#else
    return "config/procedures";
#endif
}

bool largeTextMode(const UiContext& ctx) { return ctx.session.settings().textScale() > 1.0f; }

void WizardRuntime::start(UiContext& ctx) {
    const std::string dir = catalogueDirectory(ctx);
    auto gate = procedures::openCatalogueOrRefuse(dir);
    if (!gate.ok()) {
        // The terminal refuses to start: the operator sees the same lines as
        // `guichetctl catalogue check`.
        ctx.refuseStart(3, gate.report + "guichet: le catalogue des démarches (" + dir +
                               ") est invalide, la borne ne démarre pas");
        return;
    }
    catalogue_ = gate.catalogue;
    // The town is named once, in _commune.toml: the attract and home screens read it here.
    ctx.townNames = catalogue_->settings.townName.byLanguage;
    book_ = procedures::makeAppointmentBook(catalogue_->settings);
    gRecording = std::make_unique<RecordingStore>(ctx, fallbackStore_, *this);
    log::info("wizard", "catalogue loaded: " + std::to_string(catalogue_->procedures.size()) + " procedures from " + dir);
}

std::string WizardRuntime::reload(UiContext& ctx) {
    const std::string dir = catalogueDirectory(ctx);
    auto gate = procedures::openCatalogueOrRefuse(dir);
    if (!gate.ok()) {
        log::warning("wizard", "catalogue reload refused, the one in use is kept: " + dir);
        return gate.report;
    }
    endSession();
    catalogue_ = gate.catalogue;
    ctx.townNames = catalogue_->settings.townName.byLanguage;
    log::info("wizard", "catalogue reloaded: " + std::to_string(catalogue_->procedures.size()) + " procedures from " + dir);
    return {};
}

procedures::WizardSession* WizardRuntime::begin(UiContext& ctx, const std::string& procedureId) {
    const procedures::Procedure* p = catalogue_ ? catalogue_->find(procedureId) : nullptr;
    if (!p) return nullptr;
    using State = procedures::WizardSession::State;
    if (session_ && sessionProcedure_ == procedureId && session_->state() != State::Cancelled && session_->state() != State::Done)
        return session_.get();  // the same screen re-created (language change): keep going
    procedures::WizardOptions o;
    o.language = ctx.session.language().empty() ? "fr" : ctx.session.language();
    o.largeText = largeTextMode(ctx);
    // Reproducible scenarios and demos: GUICHET_TODAY=2026-11-28 fixes the day the
    // calendar and the date rules count from.
    if (const char* today = std::getenv("GUICHET_TODAY"))
        if (auto d = validation::CivilDate::fromIso(today)) o.today = *d;
    o.terminalId = ctx.config.terminalId.empty() ? catalogue_->settings.terminalId : ctx.config.terminalId;
    // Asked once a session: "Payer maintenant par carte bancaire" is offered only when ready.
    if (auto ready = paymentStepHook().ready) o.paymentTerminal = ready(ctx);
    clearFieldBuffers(ctx, *p);
    session_ = std::make_unique<procedures::WizardSession>(*p, catalogue_->settings, *gRecording, &book_, o);
    sessionProcedure_ = procedureId;
    receiptPrinted = false;
    printStatus.clear();
    return session_.get();
}

void WizardRuntime::endSession() {
    session_.reset();
    lastSubmission_ = nlohmann::json();  // personal data: gone with the resident
    sessionProcedure_.clear();
    receiptPrinted = false;
    printStatus.clear();
}

void WizardRuntime::rememberSubmission(const Submission& s) { lastSubmission_ = s.toJson(); }

}  // namespace guichet::ui::wizard
