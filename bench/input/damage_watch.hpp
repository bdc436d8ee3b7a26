// What a person would see change: the X server's Damage extension reports each drawing
// into a window (a GL swap through Mesa's XPutImage, SDL's XShmPutImage of the software
// frame) as raw rectangles. Each rectangle is stamped with the steady clock when this
// process reads it, which is as close to "on the screen" as Xvfb gets.
#pragma once

#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#include <chrono>
#include <vector>

namespace guichet::bench {

using Clock = std::chrono::steady_clock;

struct DamageRect {
    Drawable drawable = 0;
    Clock::time_point at;
    int x = 0, y = 0, w = 0, h = 0;
};

class DamageWatch {
public:
    explicit DamageWatch(Display* dpy);
    ~DamageWatch();
    DamageWatch(const DamageWatch&) = delete;
    DamageWatch& operator=(const DamageWatch&) = delete;

    bool ok() const { return ok_; }  // the server has DAMAGE
    // Raw rectangles (XDamageReportRawRectangles): every drawing, not a merged region that
    // would hide how many presents there were.
    void watch(Drawable d);
    // Damage read until `quiet` passed without any, or `limit` after the call.
    std::vector<DamageRect> collect(std::chrono::milliseconds quiet, std::chrono::milliseconds limit);

private:
    Display* dpy_;
    int eventBase_ = 0, errorBase_ = 0;
    bool ok_ = false;
    std::vector<Damage> damages_;
};

// One present: the rectangles of `drawable` that follow each other by less than `gap`.
// A present may arrive as several rectangles (a put image split in strips), but drawing
// a frame takes milliseconds, so two presents are never closer than a millisecond or two.
struct Present {
    Clock::time_point first, last;
    int rects = 0;
    long long area = 0;  // pixels, summed over the rectangles
};
std::vector<Present> presentsOf(const std::vector<DamageRect>& rects, Drawable drawable, std::chrono::microseconds gap);

}  // namespace guichet::bench
