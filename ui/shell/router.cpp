#include "ui/shell/router.hpp"

#include "drivers/common/log.hpp"

namespace guichet::ui {

std::unique_ptr<Screen> Router::make(UiContext& ctx, const std::string& id, const std::string& param) {
    const ScreenFactory* f = findScreen(id);
    if (!f) {
        log::error("ui", "no screen registered as '" + id + "'");
        return nullptr;
    }
    return (*f)(ctx, param);
}

bool Router::apply(UiContext& ctx, const Intent& intent) {
    switch (intent.kind) {
        case Intent::Kind::None:
        case Intent::Kind::EndSession:  // the shell ends the session, then resets
            return true;
        case Intent::Kind::Push:
        case Intent::Kind::Replace: {
            auto s = make(ctx, intent.screen, intent.param);
            if (!s) return false;
            if (current()) current()->onLeave(ctx);
            if (intent.kind == Intent::Kind::Replace && !stack_.empty()) stack_.pop_back();
            stack_.push_back(std::move(s));
            stack_.back()->onEnter(ctx);
            changed_ = true;
            return true;
        }
        case Intent::Kind::Back:
            if (stack_.size() <= 1) return true;
            stack_.back()->onLeave(ctx);
            stack_.pop_back();
            stack_.back()->onEnter(ctx);
            changed_ = true;
            return true;
        case Intent::Kind::Home:
            while (stack_.size() > 1) {
                stack_.back()->onLeave(ctx);
                stack_.pop_back();
            }
            if (!stack_.empty()) stack_.back()->onEnter(ctx);
            changed_ = true;
            return true;
    }
    return false;
}

void Router::clear(UiContext& ctx) {
    while (!stack_.empty()) {
        stack_.back()->onLeave(ctx);
        stack_.pop_back();
    }
}

void Router::reset(UiContext& ctx, const std::string& rootId) {
    clear(ctx);
    if (auto s = make(ctx, rootId, {})) {
        stack_.push_back(std::move(s));
        stack_.back()->onEnter(ctx);
    }
    changed_ = true;
}

}  // namespace guichet::ui
