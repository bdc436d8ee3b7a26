// `guichet --a11y-dump FILE`: after every frame it presents, the terminal writes what is on
// screen — each control's rectangle, role and label, the page's body/footer limits, the
// words cut by wrapping — as JSON to FILE (written aside, then renamed: a reader never sees
// half a file). The window tests (tests/window) find controls by label there, click them
// with real X events, and audit the layout. Values of personal fields are never written
// (only their length); on screens that show personal data, texts are left out too.
// For tests and development only: a real terminal never passes this option.
#pragma once

#include <string>

namespace guichet::ui {

class Shell;

struct DumpInfo {
    unsigned frame = 0;
    const char* renderer = "";
    double frameMs = 0;  // CPU time of shell.frame()
    bool settled = false;  // the loop is going to sleep: nothing more to draw until input or a timer
    unsigned presented = 0;  // frames rasterised and shown (an unchanged frame is built, not shown)
};

// Errors are logged once, never fatal: the terminal keeps running.
void writeA11yDump(const std::string& path, Shell& shell, const DumpInfo& info);

}  // namespace guichet::ui
