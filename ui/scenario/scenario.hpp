// Headless scenarios: one step a line (`tap "Accessibilité"`, `key tab`, `wait 2s`,
// `shot home`, `expect "Bienvenue"`), run against the real UI by a host that injects real
// SDL events. Steps self-register (GUICHET_SCENARIO_STEP) so other areas add their own
// (`expect-spoken`, …). Any failure names file:line and makes the run exit non-zero.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace guichet::ui {

class Shell;

// What a step may ask of the program running the UI.
class ScenarioHost {
public:
    virtual ~ScenarioHost() = default;
    virtual Shell& shell() = 0;
    // Real input, through the same path as a resident's: SDL events pushed to SDL's queue.
    virtual void tap(float x, float y) = 0;
    virtual Result<void> key(const std::string& name) = 0;   // "tab", "enter", "alt-f4", …
    virtual void text(const std::string& utf8) = 0;          // one SDL_TEXTINPUT per code point
    virtual void closeWindow() = 0;                          // the window manager's close
    // Processes pending events and draws frames until the UI is idle.
    virtual void settle() = 0;
    virtual void sleep(std::chrono::milliseconds ms) = 0;    // really sleeps (no spinning)
    virtual Result<void> screenshot(const std::string& path) = 0;
    virtual Result<void> resize(int width, int height) = 0;
    virtual const std::string& outDir() const = 0;
    virtual bool running() const = 0;                        // false once the app chose to quit
};

struct ScenarioStep {
    std::string file;
    int line = 0;
    std::string name;
    std::vector<std::string> args;
};

struct StepContext {
    ScenarioHost& host;
    const ScenarioStep& step;
};

using StepFn = std::function<Result<void>(StepContext&)>;

struct StepInfo {
    std::string name;
    std::string usage;  // "tap \"label\""
    int minArgs = 0, maxArgs = 0;
    StepFn run;
};

bool registerScenarioStep(StepInfo info);
const StepInfo* findScenarioStep(const std::string& name);
std::vector<std::string> scenarioStepNames();

// Told before each step runs (speech keeps "what was said since the previous step").
using StepObserver = std::function<void(const ScenarioStep&)>;
bool registerStepObserver(StepObserver observer);

// Parses a scenario; errors are "file:line: message", one per line.
Result<std::vector<ScenarioStep>> parseScenario(const std::string& text, const std::string& file);
Result<std::vector<ScenarioStep>> loadScenario(const std::string& path);

// Runs every step; prints each failure as "file:line: message" on stderr and stops at the
// first. Returns 0 when every step succeeded, 1 otherwise.
int runScenario(ScenarioHost& host, const std::vector<ScenarioStep>& steps);

// "2s", "500ms", "1.5s" -> milliseconds; nullopt-like error on anything else.
Result<std::chrono::milliseconds> parseDuration(const std::string& text);

}  // namespace guichet::ui

#define GUICHET_SCENARIO_CONCAT2(a, b) a##b
#define GUICHET_SCENARIO_CONCAT(a, b) GUICHET_SCENARIO_CONCAT2(a, b)
// GUICHET_SCENARIO_STEP({"expect-spoken", "expect-spoken \"text\"", 1, 1, fn});
#define GUICHET_SCENARIO_STEP(...)                                               \
    static const bool GUICHET_SCENARIO_CONCAT(guichetStep_, __LINE__) =          \
        ::guichet::ui::registerScenarioStep(::guichet::ui::StepInfo __VA_ARGS__)
