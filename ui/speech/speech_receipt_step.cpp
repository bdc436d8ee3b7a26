// `expect-receipt-spoken`: on the confirmation page, every line the receipt prints (A7) was
// spoken since the confirmation page appeared — checked against the wizard's own receipt document, so
// the check follows the catalogue rather than a copy of its texts.
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"
#include "ui/speech/speech_ui.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui {
namespace {

std::size_t& receiptMark() {
    static std::size_t m = 0;
    return m;
}

Result<void> expectReceiptSpoken(StepContext& c) {
    c.host.settle();
    auto* rt = speechRuntime();
    if (!rt) return makeError(ErrorCode::NotFound, "speech is not running");
    auto* wizard = wizard::WizardRuntime::instance();
    auto* session = wizard ? wizard->current() : nullptr;
    if (!session || session->state() != procedures::WizardSession::State::Done)
        return makeError(ErrorCode::InvalidArgument, "no confirmation page on screen (screen '" +
                                                         c.host.shell().screenId() + "')");
    int lines = 0;
    std::string missing;
    for (const auto& line : session->receipt().spokenLines()) {
        if (line.empty()) continue;
        ++lines;
        if (!rt->log().spokenSince(receiptMark(), line)) missing += "\n  \"" + line + "\"";
    }
    if (lines == 0) return makeError(ErrorCode::InvalidArgument, "the receipt has no line");
    if (!missing.empty()) return makeError(ErrorCode::NotFound, "receipt lines never spoken:" + missing);
    return {};
}

// What was said since the confirmation page appeared: the mark follows every action until
// the wizard reaches its confirmation, then stays, so that a receipt shown in parts
// ("Voir la suite") counts once the resident has been through every part.
void onStep(const ScenarioStep& step) {
    if (step.name.rfind("expect", 0) == 0) return;
    auto* wizard = wizard::WizardRuntime::instance();
    auto* session = wizard ? wizard->current() : nullptr;
    if (session && session->state() == procedures::WizardSession::State::Done) return;
    if (auto* rt = speechRuntime()) receiptMark() = rt->log().size();
}

}  // namespace

static const bool receiptStepObserver = registerStepObserver(onStep);
GUICHET_SCENARIO_STEP({"expect-receipt-spoken", "expect-receipt-spoken (every receipt line was said)", 0, 0,
                       expectReceiptSpoken});

}  // namespace guichet::ui
