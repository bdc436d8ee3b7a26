#include "damage_watch.hpp"

#include <poll.h>

#include <algorithm>

namespace guichet::bench {

using namespace std::chrono;

DamageWatch::DamageWatch(Display* dpy) : dpy_(dpy) {
    ok_ = XDamageQueryExtension(dpy_, &eventBase_, &errorBase_);
    int major = 1, minor = 1;
    if (ok_) XDamageQueryVersion(dpy_, &major, &minor);  // required before the first request
}

DamageWatch::~DamageWatch() {
    for (Damage d : damages_) XDamageDestroy(dpy_, d);
    XSync(dpy_, False);
}

void DamageWatch::watch(Drawable d) {
    if (!ok_) return;
    damages_.push_back(XDamageCreate(dpy_, d, XDamageReportRawRectangles));
    XSync(dpy_, False);
}

std::vector<DamageRect> DamageWatch::collect(milliseconds quiet, milliseconds limit) {
    std::vector<DamageRect> out;
    const auto start = Clock::now();
    auto lastActivity = start;
    while (true) {
        while (XPending(dpy_)) {
            XEvent e;
            XNextEvent(dpy_, &e);
            if (e.type != eventBase_ + XDamageNotify) continue;
            const auto& d = reinterpret_cast<const XDamageNotifyEvent&>(e);
            lastActivity = Clock::now();
            out.push_back({d.drawable, lastActivity, d.area.x, d.area.y, d.area.width, d.area.height});
        }
        const auto end = std::min(lastActivity + quiet, start + limit);
        const auto now = Clock::now();
        if (now >= end) break;
        pollfd p{ConnectionNumber(dpy_), POLLIN, 0};
        // Rounded up: waking a little late only delays the end of the wait, never a stamp
        // (a rectangle that arrives wakes the poll at once).
        poll(&p, 1, static_cast<int>(duration_cast<milliseconds>(end - now).count()) + 1);
    }
    return out;
}

std::vector<Present> presentsOf(const std::vector<DamageRect>& rects, Drawable drawable, microseconds gap) {
    std::vector<Present> out;
    for (const auto& r : rects) {
        if (r.drawable != drawable) continue;
        if (out.empty() || r.at - out.back().last > gap) out.push_back({r.at, r.at, 0, 0});
        out.back().last = r.at;
        out.back().rects += 1;
        out.back().area += static_cast<long long>(r.w) * r.h;
    }
    return out;
}

}  // namespace guichet::bench
