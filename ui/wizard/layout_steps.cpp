// The layout audit a scenario runs on the page on screen:
//   expect-fits   every control and text of the page is on screen without scrolling:
//                 inside the window, above the footer, not clipped by the body, and no
//                 word is broken across two lines. Fails naming what does not fit.
// A kiosk page is paginated, never scrolled (issue 14): this is how tests hold it to that.
#include <algorithm>
#include <string>

#include "ui/core/widgets.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui::wizard {
namespace {

bool isFooter(const a11y::Node& n) {
    return n.id.find("##footer") != std::string::npos || n.id.find("##lang") != std::string::npos ||
           n.id == "language##home";
}

std::string describe(const a11y::Node& n) {
    auto r = n.rect;
    return "\"" + (n.label.size() > 60 ? n.label.substr(0, 60) + "…" : n.label) + "\" (" + n.id + ") at y " +
           std::to_string(static_cast<int>(r.y)) + "…" + std::to_string(static_cast<int>(r.y + r.h));
}

Result<void> expectFits(StepContext& c) {
    c.host.settle();
    Shell& shell = c.host.shell();
    brokenWordsThisFrame().clear();  // the words of one fresh frame of this page
    shell.context().requestFrame();
    c.host.settle();
    const auto& ctx = shell.context();
    const a11y::Tree& tree = shell.tree();
    float footerTop = ctx.height;
    for (const auto& n : tree.nodes())
        if (isFooter(n) && n.rect.h > 0) footerTop = std::min(footerTop, n.rect.y);
    std::string problems;
    auto problem = [&](const std::string& what) {
        if (problems.size() < 1200) problems += "\n  " + what;
    };
    const float slack = 1.0f;
    for (const auto& n : tree.nodes()) {
        if (n.rect.w <= 0 || n.rect.h <= 0) continue;
        if (n.rect.x < -slack || n.rect.y < -slack || n.rect.x + n.rect.w > ctx.width + slack ||
            n.rect.y + n.rect.h > ctx.height + slack)
            problem("outside the screen: " + describe(n));
        else if (!isFooter(n) && n.rect.y + n.rect.h > footerTop + slack)
            problem("under the footer (top " + std::to_string(static_cast<int>(footerTop)) + "): " + describe(n));
        else if (n.focusable && !n.visible)
            problem("scrolled out of view: " + describe(n));
    }
    for (const auto& w : brokenWordsThisFrame()) problem("word broken across lines: \"" + w.word + "\"");
    if (!problems.empty())
        return makeError(ErrorCode::InvalidArgument, "the page does not fit the screen " +
                                                         std::to_string(static_cast<int>(ctx.width)) + "x" +
                                                         std::to_string(static_cast<int>(ctx.height)) + ":" + problems);
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"expect-fits", "expect-fits (every control and text on screen, no scrolling, no broken word)",
                       0, 0, expectFits});

}  // namespace guichet::ui::wizard
