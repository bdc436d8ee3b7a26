// `expect-receipt-spoken`: on the confirmation page, every line the receipt prints (A7) was
// spoken since the previous step — checked against the wizard's own receipt document, so
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

// Same mark rule as expect-spoken: what the previous action made the terminal say.
void onStep(const ScenarioStep& step) {
    if (step.name.rfind("expect", 0) == 0) return;
    if (auto* rt = speechRuntime()) receiptMark() = rt->log().size();
}

}  // namespace

static const bool receiptStepObserver = registerStepObserver(onStep);
GUICHET_SCENARIO_STEP({"expect-receipt-spoken", "expect-receipt-spoken (every receipt line was said)", 0, 0,
                       expectReceiptSpoken});

}  // namespace guichet::ui
