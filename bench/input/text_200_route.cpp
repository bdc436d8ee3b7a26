#include "text_200_route.hpp"

#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

namespace guichet::bench {

using namespace std::chrono;

namespace {

// Past [input] debounce_ms (300): a second tap or the same key sooner would be dropped.
constexpr milliseconds kStepPause{700};

void playStep(Display* dpy, const RouteStep& s) {
    if (s.key != NoSymbol) {
        KeyCode code = XKeysymToKeycode(dpy, s.key);
        XTestFakeKeyEvent(dpy, code, True, CurrentTime);
        XTestFakeKeyEvent(dpy, code, False, CurrentTime);
    } else {
        XTestFakeMotionEvent(dpy, -1, s.x, s.y, CurrentTime);
        XTestFakeButtonEvent(dpy, 1, True, CurrentTime);
        XTestFakeButtonEvent(dpy, 1, False, CurrentTime);
    }
    XSync(dpy, False);
    std::this_thread::sleep_for(kStepPause);
}

nlohmann::json readDump(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in, nullptr, false);  // discarded (is_discarded) when absent or partial
}

// The centre of the visible control labelled `label` in the last dump, as a tap step.
bool tapStepFor(const nlohmann::json& dump, const std::string& label, RouteStep& step) {
    if (dump.is_discarded() || !dump.contains("nodes")) return false;
    for (const auto& n : dump["nodes"]) {
        if (n.value("label", "") != label || !n.value("visible", false) || !n.value("focusable", false)) continue;
        const auto& r = n["rect"];
        step = {NoSymbol, static_cast<int>(r[0].get<double>() + r[2].get<double>() / 2),
                static_cast<int>(r[1].get<double>() + r[3].get<double>() / 2), "tap \"" + label + "\""};
        return true;
    }
    return false;
}

}  // namespace

std::vector<RouteStep> scoutRouteTo200(const GuichetLaunch& launch, std::string& why) {
    GuichetLaunch scout = launch;
    const std::string dumpPath = launch.dataDir + "/a11y.json";
    scout.extraArgs.push_back("--a11y-dump");
    scout.extraArgs.push_back(dumpPath);
    GuichetProcess g = startGuichet(scout, seconds(30));
    Display* dpy = g.firstFrameNs ? XOpenDisplay(launch.display.c_str()) : nullptr;
    std::vector<RouteStep> route;
    auto fail = [&](const std::string& reason) {
        why = reason;
        route.clear();
    };
    if (!dpy) {
        fail("the scout terminal did not start");
    } else {
        std::this_thread::sleep_for(milliseconds(1500));
        XWindowAttributes a;
        XGetWindowAttributes(dpy, DefaultRootWindow(dpy), &a);
        // The pointer over the screen first (keyboard focus), then Escape: session, home.
        XTestFakeMotionEvent(dpy, -1, a.width / 2, a.height / 2, CurrentTime);
        playStep(dpy, {XK_Escape, 0, 0, "Escape"});
        for (const char* label : {"Accessibilité", "Très grand"}) {
            RouteStep tap;
            if (!tapStepFor(readDump(dumpPath), label, tap)) {
                fail(std::string("no visible control \"") + label + "\" in the scout's dump");
                break;
            }
            route.push_back(tap);
            playStep(dpy, tap);
        }
        if (route.size() == 2) {
            route.push_back({XK_Escape, 0, 0, "Escape (back home)"});
            playStep(dpy, route.back());
            auto dump = readDump(dumpPath);
            if (dump.is_discarded() || dump.value("screen", "") != "home" || dump.value("textScale", 0.0) < 1.99)
                fail("the route did not end on home at 200 % (screen '" +
                     (dump.is_discarded() ? std::string("?") : dump.value("screen", "")) + "')");
        }
        XCloseDisplay(dpy);
    }
    stopGuichet(g);
    return route;
}

void playRoute(Display* dpy, const std::vector<RouteStep>& route) {
    for (const auto& s : route) playStep(dpy, s);
}

}  // namespace guichet::bench
