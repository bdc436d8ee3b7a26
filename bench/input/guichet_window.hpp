// The real terminal on the bench's X server: started with --demo --report-first-frame (full
// screen, as in a town hall), waited for until its first frame is on the screen, and found
// among the X windows by the process id SDL puts on its window (_NET_WM_PID). A floor
// program (key_floor) is started and found the same way, with only its own arguments.
#pragma once

#include <X11/Xlib.h>
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace guichet::bench {

struct GuichetLaunch {
    std::string exe;        // --guichet
    std::string localeDir;  // GUICHET_LOCALE_DIR
    std::string display;    // ":N"
    std::string dataDir;    // a fresh folder: the outbox of each run starts empty
    std::vector<std::string> extraArgs;  // --software …
    bool bare = false;  // a floor program: exe and extraArgs only, no guichet options
};

struct GuichetProcess {
    pid_t pid = -1;
    int stdoutFd = -1;  // kept open until stopped: a write to a closed pipe would kill it
    long long firstFrameNs = 0;  // CLOCK_REALTIME of its first present; 0 if none came
};

GuichetProcess startGuichet(const GuichetLaunch& launch, std::chrono::seconds timeout);
void stopGuichet(GuichetProcess& p);

// The largest mapped top-level window whose _NET_WM_PID is `pid`; 0 when there is none.
Window findWindowOf(Display* dpy, pid_t pid);

}  // namespace guichet::bench
