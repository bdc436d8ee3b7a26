// The demo tour (`guichet --headless --demo --out DIR`): a scenario assembled from
// chapters. The shell contributes attract, home in every mode and both orientations and
// the idle warning; other areas add theirs (a full procedure, its receipt) by
// registering a chapter with a later order.
#pragma once

#include <string>

namespace guichet::ui {

bool registerDemoChapter(int order, std::string name, std::string scenarioText);
// The whole tour as scenario text, chapters in order, each starting from the attract
// screen in standard mode and landscape.
std::string demoTourScenario();

}  // namespace guichet::ui

#define GUICHET_DEMO_CHAPTER(order, name, text)                                   \
    static const bool GUICHET_SCENARIO_CONCAT(guichetDemo_, __LINE__) =           \
        ::guichet::ui::registerDemoChapter(order, name, text)
