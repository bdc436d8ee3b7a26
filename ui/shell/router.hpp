// The stack of screens: push for a step forward, back to return, home to start over. Intents
// are applied between frames so a screen never disappears while drawing.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ui/core/screen.hpp"

namespace guichet::ui {

class Router {
public:
    // Returns false (and keeps the current screen) when `intent` names no registered screen.
    bool apply(UiContext& ctx, const Intent& intent);
    void reset(UiContext& ctx, const std::string& rootId);  // clears the stack to one screen
    Screen* current() const { return stack_.empty() ? nullptr : stack_.back().get(); }
    std::size_t depth() const { return stack_.size(); }
    bool changedSinceLastFrame() { bool c = changed_; changed_ = false; return c; }
    void clear(UiContext& ctx);

private:
    std::unique_ptr<Screen> make(UiContext& ctx, const std::string& id, const std::string& param);
    std::vector<std::unique_ptr<Screen>> stack_;
    bool changed_ = false;
};

}  // namespace guichet::ui
