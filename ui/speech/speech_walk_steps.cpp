// Keypad-only scenario steps that check speech screen by screen:
//   `key-to "label" [KEY]` presses KEY (default tab) until the focus is on a control whose
//   label contains the text — how a resident without sight reaches a control;
//   `speech-walk` checks the screen announced its title, then tabs through every focusable
//   control and checks each one was spoken with a non-empty label (A1, A11).
#include <set>

#include "kiosk/speech/speech_audit.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"
#include "ui/speech/speech_ui.hpp"

namespace guichet::ui {
namespace {

void pause(StepContext& c) { c.host.sleep(std::chrono::milliseconds(c.host.shell().config().debounceMs + 20)); }

Result<void> keyTo(StepContext& c) {
    const std::string& text = c.step.args[0];
    const std::string key = c.step.args.size() > 1 ? c.step.args[1] : "tab";
    Shell& shell = c.host.shell();
    c.host.settle();
    const std::size_t limit = shell.tree().focusable().size() + 1;
    std::string visited;
    for (std::size_t i = 0; i <= limit; ++i) {
        if (const auto* f = shell.tree().focused(); f && f->label.find(text) != std::string::npos) return {};
        pause(c);
        if (auto r = c.host.key(key); !r) return r;
        c.host.settle();
        if (const auto* f = shell.tree().focused()) visited += (visited.empty() ? "\"" : ", \"") + f->label + "\"";
    }
    return makeError(ErrorCode::NotFound, "\"" + text + "\" cannot be reached with '" + key + "' on screen '" +
                                              shell.screenId() + "' (visited: " + visited + ")");
}

Result<void> speechWalk(StepContext& c) {
    Shell& shell = c.host.shell();
    c.host.settle();
    auto* rt = speechRuntime();
    if (!rt || !rt->enabled()) return makeError(ErrorCode::InvalidArgument, "speech-walk needs speech on (mode speech)");
    std::vector<std::string> problems = speech::auditForSpeech(shell.tree());
    const std::string title = shell.tree().title();
    if (!title.empty() && !rt->log().spokenSince(0, title))
        problems.push_back("the title \"" + title + "\" was never spoken");
    const std::size_t count = shell.tree().focusable().size();
    std::set<std::string> seen;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t before = rt->log().size();
        pause(c);
        if (auto r = c.host.key("tab"); !r) return r;
        c.host.settle();
        const auto* f = shell.tree().focused();
        if (!f) {
            problems.push_back("tab leaves nothing focused");
            break;
        }
        if (!seen.insert(f->id).second) continue;  // wrapped early (a control hidden by an overlay)
        const std::string said = rt->controller().reader().describe(*f).text;
        if (said.empty()) problems.push_back("control '" + f->id + "' says nothing");
        else if (!rt->log().spokenSince(before, f->label.empty() ? said : f->label))
            problems.push_back("control '" + f->id + "' got the focus but \"" + f->label + "\" was not spoken (said: " +
                               rt->log().textsSince(before) + ")");
    }
    if (seen.empty() && count > 0) problems.push_back("tab reached no control");
    if (problems.empty()) return {};
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    return makeError(ErrorCode::InvalidArgument, std::to_string(problems.size()) + " speech problem(s) on screen '" +
                                                     shell.screenId() + "':" + all);
}

}  // namespace

GUICHET_SCENARIO_STEP({"key-to", "key-to \"label\" [KEY] (presses KEY, default tab, until that control has the focus)", 1,
                       2, keyTo});
GUICHET_SCENARIO_STEP({"speech-walk", "speech-walk (title spoken, every control reached by tab and spoken)", 0, 0,
                       speechWalk});

}  // namespace guichet::ui
