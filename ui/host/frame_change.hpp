// Whether a built frame would show anything new. After each input the shell builds a frame
// or two more so that ImGui settles (a press and its release, a layout that depends on the
// last frame), and most of them are identical to the screen already shown: each key drew two
// full 1920x1080 frames, the second one for nothing, and a key that changes nothing (F3 with
// speech off) drew two as well (bench/input: 50-65 ms from key to settled on Mesa's GL).
// Presenting costs the rasteriser ~10-20 ms a frame; comparing the frame's draw lists with
// the last presented ones costs a copy and a memcmp of a few hundred KiB.
#pragma once

#include <vector>

#include <imgui.h>

#include "ui/core/theme.hpp"

namespace guichet::ui {

class FrameChange {
public:
    // True when `data` drawn over `clear` differs from the last frame for which this returned
    // true (the screen as presented), or after invalidate().
    bool changed(const ImDrawData* data, Rgb clear);
    // The same draw lists would no longer give the same pixels: a texture was created or
    // destroyed (a new one can take a freed one's name), the fonts were rebuilt, the window
    // was exposed or resized.
    void invalidate() { valid_ = false; }

private:
    std::vector<unsigned char> shown_, candidate_;
    bool valid_ = false;
};

}  // namespace guichet::ui
