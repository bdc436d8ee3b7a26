// Issue 17, "Frame: 60 Hz": how long after a key press the screen stops changing, and how
// many frames the terminal draws for it. The real guichet (--demo, full screen 1920x1080)
// runs on the bench's own Xvfb; a key is pressed through XTest as a keypad would; the X
// server's Damage events show every present (GL or software) as a person would see it.
//  - key to settled: from just before the XTest call to the last damage of the burst (the
//    burst ends after --quiet ms without damage). Target <= 25 ms.
//  - frames per press: the presents in the burst (see presentsOf). Target 1, and 0 for a
//    key that changes nothing on the screen.
// Beside each renderer's rows, its floor: key_floor, a bare SDL program with the same window
// that draws one full-screen frame per key (GL: clear + one display-sized textured quad,
// and a second GL row with the clear and swap alone; software: SDL_RenderClear +
// SDL_RenderCopy + SDL_RenderPresent), measured the same way
// (same presses, interval, quiet window, statistics): what any program pays on this
// machine from an X key event to one full-screen present seen as damage. Guichet's time
// minus the floor's is what the terminal itself adds.
// The machine's load is printed first: on a loaded machine every figure is higher.
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "bench_process.hpp"
#include "damage_watch.hpp"
#include "guichet_window.hpp"
#include "text_200_route.hpp"
#include "xvfb_server.hpp"

namespace {

using namespace std::chrono;
using namespace guichet::bench;
namespace fs = std::filesystem;

struct Options {
    std::string guichet = GUICHET_EXE;
    std::string floor = KEY_FLOOR_EXE;  // empty (--floor ''): no floor rows
    std::string cwd = GUICHET_SOURCE_DIR;  // config/ as the terminal finds it
    std::string localeDir = std::string(GUICHET_BINARY_DIR) + "/locale";
    int presses = 40;
    milliseconds quiet{150};     // no damage for this long: the screen has settled
    milliseconds interval{450};  // press to press: beyond [input] debounce_ms (300), which
                                 // would swallow a repeated key and blur the count
    std::string stillKey = "F3";  // "repeat": speech is off, nothing on the screen changes
};

// What one press caused.
struct Press {
    double firstMs = -1, settledMs = -1;  // -1: no damage at all
    int frames = 0;
};

struct Row {
    std::string renderer, text, key;
    std::vector<Press> presses;
    std::string screen;  // how many presses changed pixels (screenHash after each)
    double targetFrames;
    bool floor = false;  // key_floor's row: a reference, not a target
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

// The whole screen's pixels, hashed (FNV-1a): tells whether a key changed anything.
unsigned long long screenHash(Display* dpy) {
    Window root = DefaultRootWindow(dpy);
    XWindowAttributes a;
    XGetWindowAttributes(dpy, root, &a);
    XImage* img = XGetImage(dpy, root, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
    if (!img) return 0;
    unsigned long long h = 1469598103934665603ULL;
    const auto* p = reinterpret_cast<const unsigned char*>(img->data);
    for (long i = 0, n = static_cast<long>(img->bytes_per_line) * img->height; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
    XDestroyImage(img);
    return h;
}

class KeyBench {
public:
    KeyBench(Display* dpy, DamageWatch& watch, Window window, const Options& o)
        : dpy_(dpy), watch_(watch), window_(window), o_(o) {}

    // One press and release of `keysym`; damage read until the screen settled. Releases
    // draw nothing (the host ignores SDL_KEYUP), so sending both at once hides no frame.
    Press press(KeySym keysym) {
        waitForNextPress();
        KeyCode code = XKeysymToKeycode(dpy_, keysym);
        const auto t0 = Clock::now();
        XTestFakeKeyEvent(dpy_, code, True, CurrentTime);
        XTestFakeKeyEvent(dpy_, code, False, CurrentTime);
        XSync(dpy_, False);
        lastPress_ = t0;
        auto rects = watch_.collect(o_.quiet, seconds(3));
        tally(rects);
        Press r;
        auto presents = presentsOf(rects, counted(), microseconds(2000));
        r.frames = static_cast<int>(presents.size());
        if (!presents.empty()) {
            r.firstMs = duration<double, std::milli>(presents.front().first - t0).count();
            r.settledMs = duration<double, std::milli>(presents.back().last - t0).count();
        }
        lastPresents_ = std::move(presents);
        return r;
    }

    // Which drawable reports the terminal's presents on this server: its own window if it
    // does (the GL and software paths both draw into it), else the root window.
    Drawable counted() const { return windowRects_ > 0 ? window_ : DefaultRootWindow(dpy_); }
    std::string whereReported() const {
        char s[160];
        std::snprintf(s, sizeof s, "damage rectangles seen: its window %ld, root window %ld; counted on %s",
                      windowRects_, rootRects_, windowRects_ > 0 ? "its window" : "the root window");
        return s;
    }
    const std::vector<Present>& lastPresents() const { return lastPresents_; }
    int strayDamage() const { return stray_; }

private:
    // Presses at least `interval` apart; damage between presses (a clock, an animation) is
    // read and counted apart, never charged to the next press.
    void waitForNextPress() {
        auto next = lastPress_ + o_.interval;
        auto now = Clock::now();
        if (next > now) {
            auto left = duration_cast<milliseconds>(next - now) + milliseconds(1);
            auto rects = watch_.collect(left, left);
            tally(rects);
            stray_ += static_cast<int>(presentsOf(rects, counted(), microseconds(2000)).size());
        }
    }
    void tally(const std::vector<DamageRect>& rects) {
        for (const auto& r : rects) (r.drawable == window_ ? windowRects_ : rootRects_) += 1;
    }

    Display* dpy_;
    DamageWatch& watch_;
    Window window_;
    const Options& o_;
    Clock::time_point lastPress_{};
    long windowRects_ = 0, rootRects_ = 0;
    int stray_ = 0;
    std::vector<Present> lastPresents_;
};

// The cases on one started terminal. The watch lives here, inside the display's lifetime:
// its damages are destroyed before the connection closes.
bool runCases(Display* dpy, Window window, const std::string& label, bool floor, const Options& o,
              const std::vector<RouteStep>& route, std::vector<Row>& rows) {
    DamageWatch watch(dpy);
    if (!watch.ok()) {
        std::printf("%s: no DAMAGE extension on the server\n", label.c_str());
        return false;
    }
    watch.watch(window);
    watch.watch(DefaultRootWindow(dpy));
    XWindowAttributes a;
    XGetWindowAttributes(dpy, window, &a);
    // The pointer over the window: without a window manager, X gives the keyboard to the
    // window under the pointer (PointerRoot focus).
    XTestFakeMotionEvent(dpy, -1, a.x + a.width / 2, a.y + a.height / 2, CurrentTime);
    XSync(dpy, False);
    watch.collect(milliseconds(1500), milliseconds(1500));  // start-up's last frames and full-screen switch

    KeyBench bench(dpy, watch, window, o);
    // Escape on the attract screen starts a session and goes home: Tab then walks the home
    // screen's tiles, the page a resident sees most. The floor gets the same first press
    // (one frame, like any key).
    Press home = bench.press(XK_Escape);
    watch.collect(milliseconds(1000), milliseconds(1000));
    std::printf("%s (%dx%d window): Escape %s: %d frames, settled after %.1f ms\n", label.c_str(), a.width, a.height,
                floor ? "(first key)" : "to the home screen", home.frames, home.settledMs);

    auto row = [&](const std::string& text, const std::string& keyName, const std::string& what, KeySym key,
                   double targetFrames) {
        Row r{label, text, keyName + " (" + what + ")", {}, "", targetFrames, floor};
        watch.collect(o.quiet, seconds(2));
        // The screen's hash after each settled burst (outside any timed span): which presses
        // changed pixels at all. A clock's minute turning over also counts as a change.
        unsigned long long previous = screenHash(dpy);
        int changed = 0;
        for (int i = 0; i < o.presses; ++i) {
            r.presses.push_back(bench.press(key));
            const unsigned long long now = screenHash(dpy);
            changed += now != previous;
            previous = now;
            if (i > 0) continue;
            std::printf("  %s %s, first press's presents:", text.c_str(), keyName.c_str());
            for (const auto& p : bench.lastPresents())
                std::printf(" [%d rect(s), %.2f window(s), +%.1f ms]", p.rects, p.area / (double(a.width) * a.height),
                            duration<double, std::milli>(p.last - p.first).count());
            std::printf("\n");
        }
        r.screen = std::to_string(changed) + "/" + std::to_string(o.presses);
        rows.push_back(r);
    };
    if (floor) {
        row("—", "Tab", "one full-screen frame", XK_Tab, 1);
        std::printf("  %s; presents between presses (not counted): %d\n", bench.whereReported().c_str(),
                    bench.strayDamage());
        return true;
    }
    row("100 %", "Tab", "focus moves", XK_Tab, 1);
    KeySym still = XStringToKeysym(o.stillKey.c_str());
    if (still != NoSymbol) row("100 %", o.stillKey, "should change nothing", still, 0);
    else std::printf("  --still-key %s: no such keysym, row skipped\n", o.stillKey.c_str());
    if (!route.empty()) {
        playRoute(dpy, route);
        watch.collect(seconds(1), seconds(3));
        row("200 %", "Tab", "focus moves", XK_Tab, 1);
    }
    std::printf("  %s; presents between presses (not counted): %d\n", bench.whereReported().c_str(), bench.strayDamage());
    return true;
}

// Runs one renderer's cases on a fresh guichet (or, with `floor`, on a fresh key_floor);
// rows appended to `rows`.
bool benchRenderer(const std::string& label, bool floor, const std::vector<std::string>& extraArgs,
                   const XvfbServer& x, const Options& o, const std::vector<RouteStep>& route, std::vector<Row>& rows) {
    const fs::path data = fs::temp_directory_path() / ("bench-key-settled-" + std::to_string(getpid()));
    fs::remove_all(data);
    fs::create_directories(data);
    GuichetLaunch launch{floor ? o.floor : o.guichet, o.localeDir, x.display, data.string(), extraArgs};
    launch.bare = floor;
    GuichetProcess g = startGuichet(launch, seconds(30));
    if (!g.firstFrameNs) {
        std::printf("%s: no first frame within 30 s (log: %s/%s.log)\n", label.c_str(), data.c_str(),
                    floor ? "floor" : "guichet");
        stopGuichet(g);
        return false;
    }
    Display* dpy = XOpenDisplay(x.display.c_str());
    Window window = dpy ? findWindowOf(dpy, g.pid) : 0;
    int ev, er, major, minor;
    if (!window || !XTestQueryExtension(dpy, &ev, &er, &major, &minor)) {
        std::printf("%s: %s\n", label.c_str(), !dpy ? "cannot open the display" : !window ? "its window not found"
                                                                                        : "no XTest on the server");
        if (dpy) XCloseDisplay(dpy);
        stopGuichet(g);
        return false;
    }
    bool ok = runCases(dpy, window, label, floor, o, route, rows);
    XCloseDisplay(dpy);
    stopGuichet(g);
    fs::remove_all(data);
    return ok;
}

void printTable(const std::vector<Row>& rows) {
    std::printf("\n| renderer | text | key | presses | key→first damage, median ms | key→settled, median ms | p95 | worst |"
                " frames per press (mean; counts) | target | presses that changed pixels |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& r : rows) {
        std::vector<double> first, settled;
        std::map<int, int> frames;
        double frameSum = 0;
        for (const auto& p : r.presses) {
            if (p.firstMs >= 0) first.push_back(p.firstMs);
            if (p.settledMs >= 0) settled.push_back(p.settledMs);
            frames[p.frames] += 1;
            frameSum += p.frames;
        }
        std::string counts;
        for (auto [f, n] : frames) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + "×" + std::to_string(f);
        auto ms = [](double v) {
            char s[32];
            if (v < 0) return std::string("—");
            std::snprintf(s, sizeof s, "%.1f", v);
            return std::string(s);
        };
        std::string target = r.floor ? "— (floor)" : r.targetFrames > 0 ? "≤ 25 ms, 1 frame" : "0 frames";
        std::printf("| %s | %s | %s | %zu | %s | %s | %s | %s | %.2f (%s) | %s | %s |\n", r.renderer.c_str(), r.text.c_str(),
                    r.key.c_str(), r.presses.size(),
                    ms(percentile(first, 0.5)).c_str(), ms(percentile(settled, 0.5)).c_str(),
                    ms(percentile(settled, 0.95)).c_str(), ms(percentile(settled, 1.0)).c_str(),
                    r.presses.empty() ? 0.0 : frameSum / r.presses.size(), counts.c_str(), target.c_str(), r.screen.c_str());
    }
}

double medianSettled(const Row& r) {
    std::vector<double> settled;
    for (const auto& p : r.presses)
        if (p.settledMs >= 0) settled.push_back(p.settledMs);
    return percentile(settled, 0.5);
}

// One line per path: guichet's Tab (100 %, and 200 % when measured) beside its floor.
void printAboveFloor(const std::vector<Row>& rows, const std::string& guichetLabel, const std::string& floorLabel,
                     const char* floorName) {
    const Row* floorRow = nullptr;
    for (const auto& r : rows)
        if (r.renderer == floorLabel) floorRow = &r;
    if (!floorRow) return;
    const double f = medianSettled(*floorRow);
    for (const auto& r : rows) {
        if (r.renderer != guichetLabel || r.key.rfind("Tab", 0) != 0) continue;
        const double g = medianSettled(r);
        if (g < 0 || f < 0) continue;
        std::printf("%s, Tab at %s: guichet key→settled %.1f ms, floor (%s) %.1f ms, guichet on top of the floor %.1f ms\n",
                    guichetLabel.c_str(), r.text.c_str(), g, floorName, f, g - f);
    }
}

int usage() {
    std::fprintf(stderr,
                 "usage: bench_key_settled [--guichet EXE] [--floor EXE] [--cwd DIR] [--locale-dir DIR] [--presses N]\n"
                 "                         [--quiet MS] [--interval MS] [--still-key KEYSYM] [--only gl|software]\n"
                 "  --cwd: where guichet runs (its config/); default the source tree\n"
                 "  --floor: key_floor, measured beside guichet on each path ('' for none)\n"
                 "  --still-key: an X keysym name that should change nothing on the screen (default F3, 'repeat')\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when piped, and survives a timeout
    Options o;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) return usage();
        std::string v = argv[++i];
        if (a == "--guichet") o.guichet = v;
        else if (a == "--floor") o.floor = v;
        else if (a == "--cwd") o.cwd = v;
        else if (a == "--locale-dir") o.localeDir = v;
        else if (a == "--presses") o.presses = std::max(1, std::atoi(v.c_str()));
        else if (a == "--quiet") o.quiet = milliseconds(std::max(20, std::atoi(v.c_str())));
        else if (a == "--interval") o.interval = milliseconds(std::max(0, std::atoi(v.c_str())));
        else if (a == "--still-key") o.stillKey = v;
        else if (a == "--only") only = v;
        else return usage();
    }
    o.guichet = fs::absolute(o.guichet).string();
    if (!o.floor.empty()) o.floor = fs::absolute(o.floor).string();
    o.localeDir = fs::absolute(o.localeDir).string();
    std::printf("== key to settled screen (issue 17): guichet --demo full screen 1920x1080 under Xvfb (SDL x11),\n"
                "   XTest key presses %d ms apart, XDamage; settled = %d ms without damage; load %s\n",
                static_cast<int>(o.interval.count()), static_cast<int>(o.quiet.count()), loadAverage().c_str());
    if (chdir(o.cwd.c_str()) != 0) std::perror("chdir");
    XvfbServer x = startXvfb();
    if (x.display.empty()) {
        std::printf("Xvfb not found or did not start (apt-get install xvfb): skipped\n");
        return 0;
    }
    // 200 %: found once on a scout terminal (see text_200_route.hpp), replayed on each.
    const fs::path scoutData = fs::temp_directory_path() / ("bench-key-settled-scout-" + std::to_string(getpid()));
    fs::create_directories(scoutData);
    std::string why;
    std::vector<RouteStep> route =
        scoutRouteTo200({o.guichet, o.localeDir, x.display, scoutData.string(), {"--software"}}, why);
    fs::remove_all(scoutData);
    if (route.empty()) std::printf("200 %% text: not measured: %s\n", why.c_str());
    else {
        std::printf("200 %% text, reached by real input:");
        for (const auto& s : route) std::printf(" %s at (%d, %d);", s.what.c_str(), s.x, s.y);
        std::printf("\n");
    }
    std::vector<Row> rows;
    bool ok = true;
    // Each path's floor right after guichet's rows, so both see about the same load.
    const std::string glLabel = "opengl3 (Mesa)", swLabel = "sdl software";
    const std::string glFloor = "floor: bare SDL + GL, one full-screen frame per key";
    const std::string glClearFloor = "floor: bare SDL + GL, clear + swap only per key";
    const std::string swFloor = "floor: bare SDL software renderer, one frame per key";
    if (only.empty() || only == "gl") {
        ok = benchRenderer(glLabel, false, {}, x, o, route, rows) && ok;
        if (!o.floor.empty()) ok = benchRenderer(glFloor, true, {}, x, o, route, rows) && ok;
        if (!o.floor.empty()) ok = benchRenderer(glClearFloor, true, {"--clear-only"}, x, o, route, rows) && ok;
    }
    if (only.empty() || only == "software") {
        ok = benchRenderer(swLabel, false, {"--software"}, x, o, route, rows) && ok;
        if (!o.floor.empty()) ok = benchRenderer(swFloor, true, {"--software"}, x, o, route, rows) && ok;
    }
    stopProgram(x.pid);
    printTable(rows);
    std::printf("\n");
    printAboveFloor(rows, glLabel, glFloor, "textured full-screen quad");
    printAboveFloor(rows, glLabel, glClearFloor, "clear + swap only");
    printAboveFloor(rows, swLabel, swFloor, "clear + copy");
    std::printf("\nload at the end: %s\n", loadAverage().c_str());
    return ok ? 0 : 1;
}
