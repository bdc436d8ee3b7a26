// The shell's scenario steps: tap, type, key, wait, advance, mode, lang, shot, expect,
// expect-not, expect-screen, size, close-window. Taps find the control in the
// accessibility tree and press its centre with real SDL events.
#include <chrono>
#include <filesystem>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/screen.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui {
namespace {

std::string visibleLabels(const a11y::Tree& tree) {
    std::string out;
    for (const auto& n : tree.nodes()) {
        if (!n.focusable || n.label.empty()) continue;
        if (out.size() > 400) {
            out += ", …";
            break;
        }
        out += (out.empty() ? "\"" : ", \"") + n.label + "\"";
    }
    return out.empty() ? "none" : out;
}

// Exact label first, then a label containing the text; only controls that can be activated.
const a11y::Node* findControl(const a11y::Tree& tree, const std::string& text) {
    for (const auto& n : tree.nodes())
        if (n.focusable && !n.disabled && n.label == text) return &n;
    for (const auto& n : tree.nodes())
        if (n.focusable && !n.disabled && n.label.find(text) != std::string::npos) return &n;
    return nullptr;
}

// A kiosk page too long for the screen is in parts ("Voir la suite"): a control of a later
// part is reached as a resident reaches it, by touching "Voir la suite" (at most 20 times).
// `found` tells when the part on screen has what is looked for.
bool turnPage(StepContext& c, const char* pageId, const char* tilesId) {
    Shell& shell = c.host.shell();
    const a11y::Node* button = nullptr;
    for (const auto& n : shell.tree().nodes())
        if ((n.id == pageId || n.id == tilesId) && n.visible && !n.disabled) button = &n;
    if (!button) return false;
    c.host.sleep(std::chrono::milliseconds(shell.config().debounceMs + 20));
    c.host.tap(button->rect.x + button->rect.w / 2, button->rect.y + button->rect.h / 2);
    c.host.settle();
    return true;
}

template <class Found>
void pageForward(StepContext& c, Found found) {
    if (found()) return;
    // Back to the first part, then forward part by part.
    for (int i = 0; i < 20 && !found() && turnPage(c, "previous##page", "previous##tiles"); ++i) {}
    for (int i = 0; i < 20 && !found() && turnPage(c, "more##page", "more##tiles"); ++i) {}
}

Result<void> tap(StepContext& c) {
    const std::string& text = c.step.args[0];
    Shell& shell = c.host.shell();
    c.host.settle();
    pageForward(c, [&] { return findControl(shell.tree(), text) != nullptr; });
    const a11y::Node* n = findControl(shell.tree(), text);
    if (!n) return makeError(ErrorCode::NotFound, "no control shows \"" + text + "\" on screen '" + shell.screenId() +
                                                      "' (controls: " + visibleLabels(shell.tree()) + ")");
    if (!n->visible) {  // below the fold: scroll to it first, as a resident would
        shell.reveal(n->id);
        c.host.settle();
        n = findControl(shell.tree(), text);
        if (!n || !n->visible) return makeError(ErrorCode::NotFound, "\"" + text + "\" cannot be brought into view");
    }
    // A resident cannot tap faster than the debounce (A16): wait it out, do not skip it.
    c.host.sleep(std::chrono::milliseconds(shell.config().debounceMs + 20));
    c.host.tap(n->rect.x + n->rect.w / 2, n->rect.y + n->rect.h / 2);
    c.host.settle();
    return {};
}

Result<void> typeText(StepContext& c) {
    Shell& shell = c.host.shell();
    c.host.settle();
    if (!shell.keyboard().isOpen())
        return makeError(ErrorCode::InvalidArgument, "no field is being edited (tap a text field first)");
    c.host.text(c.step.args[0]);
    c.host.settle();
    return {};
}

Result<void> key(StepContext& c) {
    c.host.sleep(std::chrono::milliseconds(c.host.shell().config().debounceMs + 20));
    if (auto r = c.host.key(c.step.args[0]); !r) return r;
    c.host.settle();
    return {};
}

Result<void> wait(StepContext& c) {
    auto d = parseDuration(c.step.args[0]);
    if (!d) return d.error();
    c.host.sleep(*d);
    c.host.settle();
    return {};
}

Result<void> advance(StepContext& c) {
    auto d = parseDuration(c.step.args[0]);
    if (!d) return d.error();
    c.host.shell().session().advance(*d);
    c.host.settle();
    return {};
}

Result<void> mode(StepContext& c) {
    for (const auto& name : c.step.args) {
        if (!c.host.shell().applyMode(name)) {
            std::string known;
            for (const auto& m : registeredModes()) known += (known.empty() ? "" : ", ") + m;
            return makeError(ErrorCode::InvalidArgument, "unknown mode '" + name + "' (known: " + known + ")");
        }
    }
    c.host.settle();
    return {};
}

Result<void> lang(StepContext& c) {
    if (!c.host.shell().setLanguage(c.step.args[0]))
        return makeError(ErrorCode::InvalidArgument, "unknown language '" + c.step.args[0] + "' (fr en es de pt it)");
    c.host.settle();
    return {};
}

Result<void> shot(StepContext& c) {
    const std::string& name = c.step.args[0];
    if (c.host.outDir().empty()) return makeError(ErrorCode::InvalidArgument, "shot needs --out DIR");
    if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos)
        return makeError(ErrorCode::InvalidArgument, "shot name must be a plain file name");
    c.host.settle();
    return c.host.screenshot((std::filesystem::path(c.host.outDir()) / (name + ".png")).string());
}

// How long `expect` looks for a text that is not there yet. An answer from a device or a
// worker (the console's "Reçu de test imprimé." after the printer's reply) reaches the screen
// a moment after the step that asked for it; on a loaded machine or under a sanitizer that
// moment was longer than one settle (console.scenario.test-print failed under ASan).
constexpr auto kExpectPatience = std::chrono::seconds(5);

Result<void> expect(StepContext& c) {
    const std::string& text = c.step.args[0];
    auto shown = [&] {
        const auto& tree = c.host.shell().tree();
        return tree.findByText(text) || tree.title().find(text) != std::string::npos;
    };
    c.host.settle();
    pageForward(c, shown);  // a text further down the page: found at once, no waiting
    const auto deadline = std::chrono::steady_clock::now() + kExpectPatience;
    while (!shown() && std::chrono::steady_clock::now() < deadline) {
        c.host.sleep(std::chrono::milliseconds(50));
        c.host.settle();
    }
    if (!shown())
        return makeError(ErrorCode::NotFound, "no visible widget shows \"" + c.step.args[0] + "\" on screen '" +
                                                  c.host.shell().screenId() + "'");
    return {};
}

Result<void> expectNot(StepContext& c) {
    c.host.settle();
    if (const auto* n = c.host.shell().tree().findByText(c.step.args[0]))
        return makeError(ErrorCode::InvalidArgument, "\"" + c.step.args[0] + "\" is shown (by " + n->id + ")");
    return {};
}

Result<void> expectScreen(StepContext& c) {
    c.host.settle();
    std::string id = c.host.shell().screenId();
    if (id != c.step.args[0])
        return makeError(ErrorCode::InvalidArgument, "screen is '" + id + "', expected '" + c.step.args[0] + "'");
    return {};
}

Result<void> expectFocus(StepContext& c) {
    c.host.settle();
    const auto* f = c.host.shell().tree().focused();
    if (!f) return makeError(ErrorCode::NotFound, "nothing has the focus");
    if (f->label.find(c.step.args[0]) == std::string::npos)
        return makeError(ErrorCode::InvalidArgument, "focus is on \"" + f->label + "\"");
    return {};
}

Result<void> size(StepContext& c) {
    int w = 0, h = 0;
    if (std::sscanf(c.step.args[0].c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 320 || w > 7680 || h > 7680)
        return makeError(ErrorCode::InvalidArgument, "size must be WIDTHxHEIGHT, e.g. 1080x1920");
    auto r = c.host.resize(w, h);
    c.host.settle();
    return r;
}

Result<void> open(StepContext& c) {
    if (!findScreen(c.step.args[0]))
        return makeError(ErrorCode::NotFound, "no screen registered as '" + c.step.args[0] + "'");
    Shell& shell = c.host.shell();
    if (!shell.session().active()) {  // as if the resident had touched the attract screen
        shell.session().start();
        shell.navigate(Intent::replace("home"));
    }
    shell.navigate(Intent::push(c.step.args[0], c.step.args.size() > 1 ? c.step.args[1] : std::string()));
    c.host.settle();
    return {};
}

Result<void> endSession(StepContext& c) {
    c.host.shell().endSession(Session::EndReason::Resident);
    c.host.settle();
    return {};
}

Result<void> closeWindow(StepContext& c) {
    c.host.closeWindow();
    c.host.settle();
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"tap", "tap \"label\"", 1, 1, tap});
GUICHET_SCENARIO_STEP({"type", "type \"text\"", 1, 1, typeText});
GUICHET_SCENARIO_STEP({"key", "key NAME (up down left right tab shift-tab enter back help 0-9 delete space …)", 1, 1, key});
GUICHET_SCENARIO_STEP({"wait", "wait 2s | wait 500ms", 1, 1, wait});
GUICHET_SCENARIO_STEP({"advance", "advance 90s (the session's clock, without sleeping)", 1, 1, advance});
GUICHET_SCENARIO_STEP({"mode", "mode large-text|large-text-200|high-contrast|reach|dyslexia|literacy|standard …", 1, 4, mode});
GUICHET_SCENARIO_STEP({"lang", "lang fr|en|es|de|pt|it", 1, 1, lang});
GUICHET_SCENARIO_STEP({"shot", "shot NAME", 1, 1, shot});
GUICHET_SCENARIO_STEP({"expect", "expect \"text\"", 1, 1, expect});
GUICHET_SCENARIO_STEP({"expect-not", "expect-not \"text\"", 1, 1, expectNot});
GUICHET_SCENARIO_STEP({"expect-screen", "expect-screen ID", 1, 1, expectScreen});
GUICHET_SCENARIO_STEP({"expect-focus", "expect-focus \"label\"", 1, 1, expectFocus});
GUICHET_SCENARIO_STEP({"size", "size 1080x1920", 1, 1, size});
GUICHET_SCENARIO_STEP({"open", "open SCREEN [PARAM] (push a registered screen directly)", 1, 2, open});
GUICHET_SCENARIO_STEP({"end-session", "end-session (as the resident's \"Terminer\")", 0, 0, endSession});
GUICHET_SCENARIO_STEP({"close-window", "close-window", 0, 0, closeWindow});

}  // namespace guichet::ui
