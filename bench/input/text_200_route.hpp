// Guichet has no option to start at 200 % text: a resident sets it on the accessibility
// screen. The route there is found once on a scout terminal started with --a11y-dump (the
// controls' rectangles by label), then replayed as the same real X input on the measured
// terminal, which runs without the dump (writing it after each frame would add to every
// frame the bench times). Layouts are deterministic for a given screen size.
#pragma once

#include <X11/Xlib.h>

#include <string>
#include <vector>

#include "guichet_window.hpp"

namespace guichet::bench {

struct RouteStep {
    KeySym key = NoSymbol;  // a key press, or else a tap at (x, y)
    int x = 0, y = 0;
    std::string what;
};

// From the home screen at 100 % to the home screen at 200 % text. Empty, with `why` set, when the
// scout could not find a control or did not end on home at 200 %.
std::vector<RouteStep> scoutRouteTo200(const GuichetLaunch& launch, std::string& why);

// Plays `route` on `dpy` with the pauses the scout used (beyond the tap and key debounce).
void playRoute(Display* dpy, const std::vector<RouteStep>& route);

}  // namespace guichet::bench
