// Scenario steps for speech: `expect-spoken "text"` fails unless something said since the
// previous (non-expect) step contains the text; `expect-not-spoken "text"` is its opposite;
// `headset plug|unplug "name"` stands for SDL's audio device events (no real headset here).
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"
#include "ui/speech/speech_ui.hpp"

namespace guichet::ui {
namespace {

std::size_t& mark() {
    static std::size_t m = 0;
    return m;
}

// Steps that only look or wait do not move the mark: several expectations can check what
// one action made the terminal say, and an answer that came back quickly (a loopback back
// office) counts whether it came during the action or during the `wait` after it.
void onStep(const ScenarioStep& step) {
    if (step.name.rfind("expect", 0) == 0 || step.name == "wait" || step.name == "shot") return;
    if (auto* rt = speechRuntime()) mark() = rt->log().size();
    else mark() = 0;
}

Result<void> expectSpoken(StepContext& c, bool wanted) {
    c.host.settle();
    auto* rt = speechRuntime();
    if (!rt) return makeError(ErrorCode::NotFound, "speech is not running");
    const std::string& text = c.step.args[0];
    const bool said = rt->log().spokenSince(mark(), text);
    if (said == wanted) return {};
    std::string heard = rt->log().textsSince(mark());
    if (heard.empty()) heard = "nothing";
    return makeError(ErrorCode::NotFound, std::string(wanted ? "nobody said" : "speech said") + " \"" + text +
                                              "\" since the previous step (said: " + heard + ")");
}

Result<void> headset(StepContext& c) {
    auto* rt = speechRuntime();
    if (!rt) return makeError(ErrorCode::NotFound, "speech is not running");
    const std::string& action = c.step.args[0];
    const std::string name = c.step.args.size() > 1 ? c.step.args[1] : "Casque USB";
    if (action == "plug") rt->outputDeviceAdded(name);
    else if (action == "unplug") rt->outputDeviceRemoved(name);
    else return makeError(ErrorCode::InvalidArgument, "headset wants plug or unplug, not '" + action + "'");
    c.host.shell().context().requestFrame();  // as the SDL event's posted task would
    c.host.settle();
    return {};
}

}  // namespace

static const bool speechStepObserver = registerStepObserver(onStep);
GUICHET_SCENARIO_STEP({"expect-spoken", "expect-spoken \"text\"", 1, 1, [](StepContext& c) { return expectSpoken(c, true); }});
GUICHET_SCENARIO_STEP({"expect-not-spoken", "expect-not-spoken \"text\"", 1, 1,
                       [](StepContext& c) { return expectSpoken(c, false); }});
GUICHET_SCENARIO_STEP({"headset", "headset plug|unplug [\"device name\"]", 1, 2, headset});

}  // namespace guichet::ui
