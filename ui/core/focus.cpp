#include "ui/core/focus.hpp"

#include <cmath>
#include <limits>

namespace guichet::ui {

namespace {

int indexOf(const std::vector<const a11y::Node*>& nodes, const std::string& id) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i]->id == id) return static_cast<int>(i);
    return -1;
}

// The best candidate in a direction: nearest along the axis, with the sideways gap
// between the two rectangles (0 when they overlap) weighted so that "down" from a chip
// prefers the full-width control just below over a button far below in the same column.
float gap(float a0, float a1, float b0, float b1) {
    if (b1 < a0) return a0 - b1;
    if (b0 > a1) return b0 - a1;
    return 0.0f;
}

int spatialMove(const std::vector<const a11y::Node*>& nodes, int from, Key dir) {
    const auto& r = nodes[from]->rect;
    float cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    int best = -1;
    float bestScore = std::numeric_limits<float>::max();
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
        if (i == from) continue;
        const auto& o = nodes[i]->rect;
        float ox = o.x + o.w / 2, oy = o.y + o.h / 2;
        float along = 0, side = 0;
        switch (dir) {
            case Key::Up: along = cy - oy; side = gap(r.x, r.x + r.w, o.x, o.x + o.w); break;
            case Key::Down: along = oy - cy; side = gap(r.x, r.x + r.w, o.x, o.x + o.w); break;
            case Key::Left: along = cx - ox; side = gap(r.y, r.y + r.h, o.y, o.y + o.h); break;
            case Key::Right: along = ox - cx; side = gap(r.y, r.y + r.h, o.y, o.y + o.h); break;
            default: return -1;
        }
        if (along <= 1.0f) continue;
        float score = along + 3.0f * side;
        if (score < bestScore) {
            bestScore = score;
            best = i;
        }
    }
    return best;
}

}  // namespace

bool FocusManager::handleKey(Key key, const std::vector<const a11y::Node*>& focusable) {
    bool nav = key == Key::Up || key == Key::Down || key == Key::Left || key == Key::Right || key == Key::Tab ||
               key == Key::ShiftTab || key == Key::Enter;
    if (!nav) return false;
    bool wasKeypad = keypadMode_;
    keypadMode_ = true;
    if (focusable.empty()) return true;
    int cur = indexOf(focusable, focused_);
    int n = static_cast<int>(focusable.size());
    int next = cur;
    if (cur < 0 || (!wasKeypad && key != Key::Enter)) {
        // First keypad press: show where we are before moving anywhere.
        next = cur < 0 ? 0 : cur;
    } else if (key == Key::Enter) {
        activate_ = focused_;
        return true;
    } else if (key == Key::Tab) {
        next = (cur + 1) % n;
    } else if (key == Key::ShiftTab) {
        next = (cur + n - 1) % n;
    } else {
        next = spatialMove(focusable, cur, key);
        if (next < 0) {
            // Nothing further that way: wrap in reading order so focus never gets stuck.
            bool forward = key == Key::Down || key == Key::Right;
            next = forward ? (cur + 1) % n : (cur + n - 1) % n;
        }
    }
    if (cur < 0 && key == Key::Enter) {
        focused_ = focusable[0]->id;
        moved_ = true;
        return true;
    }
    if (focusable[next]->id != focused_) moved_ = true;
    focused_ = focusable[next]->id;
    return true;
}

FocusManager::ItemState FocusManager::item(std::string_view id) {
    ItemState s;
    if (focused_.empty() || id != focused_) return s;
    s.focused = true;
    s.activated = !activate_.empty() && activate_ == id;
    s.justFocused = moved_;
    return s;
}

void FocusManager::endFrame(const std::vector<const a11y::Node*>& focusable) {
    activate_.clear();
    moved_ = false;
    if (!focused_.empty() && indexOf(focusable, focused_) < 0) focused_.clear();
    if (focused_.empty() && keypadMode_ && !focusable.empty()) {
        // A new page: the focus starts on its first control; the page is not scrolled to
        // reach it (the resident reads the page from its top, e.g. a confirmation's reference).
        focused_ = focusable[0]->id;
        moved_ = focusable[0]->visible;
    }
}

void FocusManager::setFocus(std::string_view id, bool fromKeypad) {
    if (focused_ != id) moved_ = fromKeypad;
    focused_ = std::string(id);
    if (fromKeypad) keypadMode_ = true;
}

void FocusManager::clear() {
    focused_.clear();
    activate_.clear();
    moved_ = false;
}

void FocusManager::reveal(std::string_view id) {
    focused_ = std::string(id);
    moved_ = true;
}

void FocusManager::pointerUsed() { keypadMode_ = false; }

}  // namespace guichet::ui
