// `guichet --headless --scenario FILE --keypad-only`: any tap-driven scenario replayed by
// keypad alone with speech on, as a resident who cannot see the screen would (A1, A11).
// `tap "label"` becomes Tab to that control then Enter; `type "text"` becomes phone-style
// letters on the digits (the on-screen keyboard, reached by Tab, for capitals and what the
// keys lack); after every step the screen passes speech-walk's audit (title spoken, every
// focusable control with a spoken label).
#include <algorithm>
#include <set>

#include "kiosk/speech/multitap.hpp"
#include "kiosk/speech/speech_audit.hpp"
#include "ui/core/cli_options.hpp"
#include "ui/core/keyboard.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"
#include "ui/speech/speech_ui.hpp"

namespace guichet::ui {
namespace {

void pause(StepContext& c) { c.host.sleep(std::chrono::milliseconds(c.host.shell().config().debounceMs + 20)); }

Result<void> press(StepContext& c, const std::string& key) {
    pause(c);
    if (auto r = c.host.key(key); !r) return r;
    c.host.settle();
    return {};
}

// Tab (then Shift-Tab) until the control with this id has the focus; the focus order wraps.
Result<void> focusById(StepContext& c, const std::string& id, const std::string& what) {
    Shell& shell = c.host.shell();
    c.host.settle();
    for (const char* key : {"tab", "shift-tab"}) {
        const std::size_t limit = shell.tree().focusable().size() + 2;
        for (std::size_t i = 0; i <= limit; ++i) {
            if (const auto* f = shell.tree().focused(); f && f->id == id) return {};
            if (auto r = press(c, key); !r) return r;
        }
    }
    return makeError(ErrorCode::NotFound, what + " (" + id + ") cannot be reached with Tab or Shift-Tab on screen '" +
                                              shell.screenId() + "'");
}

// The same control a tap would press: exact label first, then a label containing the text.
const a11y::Node* findControl(const a11y::Tree& tree, const std::string& text) {
    for (const auto& n : tree.nodes())
        if (n.focusable && !n.disabled && n.label == text) return &n;
    for (const auto& n : tree.nodes())
        if (n.focusable && !n.disabled && n.label.find(text) != std::string::npos) return &n;
    return nullptr;
}

// A page in parts: the keypad user moves to "Précédent" / "Voir la suite" and presses Enter.
bool keypadTurnPage(StepContext& c, const char* id) {
    const a11y::Node* b = nullptr;
    for (const auto& n : c.host.shell().tree().nodes())
        if (n.id == id && n.focusable && !n.disabled) b = &n;
    if (!b) return false;
    if (!focusById(c, id, id)) return false;
    return static_cast<bool>(press(c, "enter"));
}

Result<void> keypadTap(StepContext& c) {
    const std::string& text = c.step.args[0];
    c.host.settle();
    auto& tree = c.host.shell().tree();
    if (!findControl(tree, text)) {
        for (int i = 0; i < 20 && !findControl(tree, text) && keypadTurnPage(c, "previous##page"); ++i) {}
        for (int i = 0; i < 20 && !findControl(tree, text) && keypadTurnPage(c, "more##page"); ++i) {}
        for (int i = 0; i < 20 && !findControl(tree, text) && keypadTurnPage(c, "more##tiles"); ++i) {}
    }
    const a11y::Node* n = findControl(c.host.shell().tree(), text);
    if (!n) return makeError(ErrorCode::NotFound, "no control shows \"" + text + "\" on screen '" +
                                                      c.host.shell().screenId() + "'");
    const std::string id = n->id;
    // The attract screen is one control: any key wakes it, Enter as keypad_procedure does.
    if (c.host.shell().screenId() == "attract") return press(c, "enter");
    if (auto r = focusById(c, id, "\"" + text + "\""); !r) return r;
    return press(c, "enter");  // speech on: Enter on the focused control activates it
}

std::vector<std::string> codePoints(const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

// Which digit, pressed how many times, gives this character phone-style ('\0' if none).
char multitapKeyFor(const std::string& ch, int* presses) {
    for (char d = '0'; d <= '9'; ++d) {
        int count = 0;
        const char* const* letters = speech::MultiTap::lettersOf(d, &count);
        for (int i = 0; i < count; ++i)
            if (ch == letters[i]) {
                *presses = i + 1;
                return d;
            }
    }
    return '\0';
}

// A key of the on-screen keyboard, reached by Tab and pressed with Enter ("Majuscule" first
// for a capital that the keyboard shows in lower case).
Result<void> onScreenKey(StepContext& c, const std::string& ch) {
    Shell& shell = c.host.shell();
    c.host.settle();
    auto has = [&](const std::string& id) {
        for (const auto& n : shell.tree().nodes())
            if (n.focusable && n.id == id) return true;
        return false;
    };
    const std::string id = "key:" + ch;
    if (!has(id)) {
        if (!has("key:shift")) return makeError(ErrorCode::NotFound, "the on-screen keyboard has no key \"" + ch + "\"");
        if (auto r = focusById(c, "key:shift", "the key \"Majuscule\""); !r) return r;
        if (auto r = press(c, "enter"); !r) return r;
        if (!has(id)) return makeError(ErrorCode::NotFound, "the on-screen keyboard has no key \"" + ch + "\"");
    }
    if (auto r = focusById(c, id, "the key \"" + ch + "\""); !r) return r;
    return press(c, "enter");
}

Result<void> keypadType(StepContext& c) {
    Shell& shell = c.host.shell();
    c.host.settle();
    if (!shell.keyboard().isOpen())
        return makeError(ErrorCode::InvalidArgument, "no field is being edited (tap a text field first)");
    const bool text = shell.keyboard().kind() == FieldKind::Text;
    const auto wait = std::chrono::milliseconds(speech::MultiTap::kCommitDelay.count() + 300);
    char lastDigit = '\0';
    for (const auto& ch : codePoints(c.step.args[0])) {
        int presses = 0;
        const char digit = text ? multitapKeyFor(ch, &presses) : (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9' ? ch[0] : '\0');
        if (!text && digit) presses = 1;
        if (!digit) {
            if (auto r = onScreenKey(c, ch); !r) return r;
            lastDigit = '\0';
            continue;
        }
        if (text && digit == lastDigit) c.host.sleep(wait);  // same key again: let the letter be final
        for (int i = 0; i < presses; ++i)
            if (auto r = press(c, std::string(1, digit)); !r) return r;
        lastDigit = digit;
    }
    if (text && lastDigit) c.host.sleep(wait);
    c.host.settle();
    return {};
}

// The screen being audited and the speech log's size when it appeared: its title must be
// heard after that, not on an earlier visit.
struct ScreenSeen {
    std::string key;  // screen id + title
    std::size_t mark = 0;
};
ScreenSeen gScreen;

// speech-walk's audit without moving the focus: speech::auditHeardScreen (title heard since
// the screen appeared, neither cut off nor failed; every focusable control says something).
Result<void> auditScreen(StepContext& c, std::size_t logBeforeStep) {
    Shell& shell = c.host.shell();
    c.host.settle();
    auto* rt = speechRuntime();
    if (!rt || !rt->enabled()) return makeError(ErrorCode::InvalidArgument, "speech went off during a keypad-only run");
    const std::string key = shell.screenId() + "\n" + shell.tree().title();
    if (key != gScreen.key) gScreen = {key, logBeforeStep};
    std::vector<std::string> problems = speech::auditHeardScreen(shell.tree(), rt->log(), gScreen.mark);
    for (const auto& n : shell.tree().nodes())
        if (n.focusable && rt->controller().reader().describe(n).text.empty())
            problems.push_back("control '" + n.id + "' says nothing");
    if (problems.empty()) return {};
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    return makeError(ErrorCode::InvalidArgument, "keypad-only: " + std::to_string(problems.size()) +
                                                     " speech problem(s) on screen '" + shell.screenId() + "':" + all);
}

// A resident listens to the end before pressing the next key: wait (bounded) until every
// utterance asked for so far is finished, cut off or failed. Without it a busy machine's
// slower synthesis lets the next Tab cut the page title, and the audit blames the screen.
void waitForSilence(StepContext& c) {
    auto* rt = speechRuntime();
    if (!rt || !rt->enabled()) return;
    for (int i = 0; i < 300; ++i) {
        c.host.settle();
        const auto entries = rt->log().entries();
        const bool speaking = std::any_of(entries.begin(), entries.end(), [](const speech::SpokenEntry& e) {
            return !e.finished && !e.interrupted && !e.failed;
        });
        if (!speaking) return;
        c.host.sleep(std::chrono::milliseconds(10));
    }
}

// Replaces tap and type, and follows every step with the audit. Runs while the command line
// is parsed, after every step has registered itself.
void enableKeypadOnly() {
    for (const auto& name : scenarioStepNames()) {
        StepInfo info = *findScenarioStep(name);
        StepFn act = name == "tap" ? StepFn(keypadTap) : name == "type" ? StepFn(keypadType) : info.run;
        info.run = [act](StepContext& c) -> Result<void> {
            // Speech on as a headset does, before the first action (stays on across sessions).
            auto* rt = speechRuntime();
            const std::size_t before = rt ? rt->log().size() : 0;
            if (rt && !rt->enabled()) {
                rt->outputDeviceAdded("Casque USB");
                c.host.shell().context().requestFrame();
                c.host.settle();
            }
            waitForSilence(c);
            if (auto r = act(c); !r) return r;
            if (!c.host.running()) return {};
            return auditScreen(c, before);
        };
        registerScenarioStep(std::move(info));
    }
}

}  // namespace

GUICHET_CLI_OPTION("--keypad-only", "",
                   "scenarios: speech on, tap = Tab to the control + Enter, type = keypad letters; every screen audited",
                   [](const std::string&) { enableKeypadOnly(); });

}  // namespace guichet::ui
