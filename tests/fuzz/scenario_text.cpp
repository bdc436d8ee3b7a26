// Scenario files (tests, the demo tour, --scenario): tokenised and checked against the step
// names the terminal registers (a copy of their argument counts: the steps themselves drive
// the UI), and every argument read as a duration as `wait` does.
#include "tests/fuzz/fuzz_input.hpp"
#include "ui/scenario/scenario.hpp"

namespace {
bool registered = [] {
    using guichet::ui::StepInfo;
    const struct { const char* name; int minArgs, maxArgs; } steps[] = {
        {"tap", 1, 1}, {"type", 1, 1}, {"key", 1, 1}, {"wait", 1, 1}, {"mode", 1, 2}, {"lang", 1, 1},
        {"shot", 1, 1}, {"expect", 1, 1}, {"expect-spoken", 1, 1}, {"resize", 1, 1}, {"close", 0, 0}};
    for (const auto& s : steps) guichet::ui::registerScenarioStep(StepInfo{s.name, s.name, s.minArgs, s.maxArgs, {}});
    return true;
}();
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    auto steps = ui::parseScenario(fuzz::text(data, size), "fuzz.scn");
    if (!steps) return 0;
    for (const auto& s : *steps)
        for (const auto& a : s.args) (void)ui::parseDuration(a);
    return 0;
}
