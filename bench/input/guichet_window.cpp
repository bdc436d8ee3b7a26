#include "guichet_window.hpp"

#include <X11/Xatom.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "bench_process.hpp"

namespace guichet::bench {

using namespace std::chrono;

GuichetProcess startGuichet(const GuichetLaunch& launch, seconds timeout) {
    GuichetProcess p;
    int fds[2];
    if (pipe(fds) != 0) return p;
    std::vector<std::string> args = {launch.exe};
    if (!launch.bare) args.insert(args.end(), {"--demo", "--report-first-frame", "--data", launch.dataDir});
    args.insert(args.end(), launch.extraArgs.begin(), launch.extraArgs.end());
    // Its log beside its data: read it when a run goes wrong.
    int log = open((launch.dataDir + (launch.bare ? "/floor.log" : "/guichet.log")).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    p.pid = spawnProgram(args, fds[1], log >= 0 ? log : kDevNull,
                         {"DISPLAY=" + launch.display, "SDL_VIDEODRIVER=x11", "SDL_AUDIODRIVER=dummy",
                          "GUICHET_LOCALE_DIR=" + launch.localeDir});
    close(fds[1]);
    if (log >= 0) close(log);
    p.stdoutFd = fds[0];
    if (p.pid < 0) return p;
    std::string out;
    const auto deadline = steady_clock::now() + timeout;
    while (!p.firstFrameNs && steady_clock::now() < deadline) {
        pollfd pf{p.stdoutFd, POLLIN, 0};
        if (poll(&pf, 1, 200) <= 0) continue;
        char buf[256];
        ssize_t n = read(p.stdoutFd, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        auto f = out.find("first-frame-realtime-ns ");
        if (f != std::string::npos && out.find('\n', f) != std::string::npos) p.firstFrameNs = std::stoll(out.substr(f + 24));
    }
    return p;
}

void stopGuichet(GuichetProcess& p) {
    stopProgram(p.pid);
    if (p.stdoutFd >= 0) close(p.stdoutFd);
    p = {};
}

namespace {

long pidOf(Display* dpy, Window w, Atom netWmPid) {
    Atom type;
    int format;
    unsigned long count = 0, after = 0;
    unsigned char* data = nullptr;
    long pid = -1;
    if (XGetWindowProperty(dpy, w, netWmPid, 0, 1, False, XA_CARDINAL, &type, &format, &count, &after, &data) == Success &&
        data && count == 1 && format == 32)
        pid = static_cast<long>(*reinterpret_cast<unsigned long*>(data));
    if (data) XFree(data);
    return pid;
}

}  // namespace

Window findWindowOf(Display* dpy, pid_t pid) {
    Atom netWmPid = XInternAtom(dpy, "_NET_WM_PID", False);
    Window root = DefaultRootWindow(dpy), parent = 0, *children = nullptr, best = 0;
    unsigned int n = 0;
    long bestArea = 0;
    if (!XQueryTree(dpy, root, &root, &parent, &children, &n)) return 0;
    for (unsigned int i = 0; i < n; ++i) {
        XWindowAttributes a;
        if (!XGetWindowAttributes(dpy, children[i], &a) || a.map_state != IsViewable) continue;
        if (pidOf(dpy, children[i], netWmPid) != pid) continue;
        if (static_cast<long>(a.width) * a.height > bestArea) {
            bestArea = static_cast<long>(a.width) * a.height;
            best = children[i];
        }
    }
    if (children) XFree(children);
    return best;
}

}  // namespace guichet::bench
