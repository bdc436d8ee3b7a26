// Keypad focus: arrows move spatially, Tab in reading order, both wrap (no trap), Enter
// activates the focused control only.
#include <catch2/catch.hpp>

#include "ui/core/focus.hpp"

using namespace guichet;
using namespace guichet::ui;

namespace {
// A 3x2 grid of buttons a..f, 100 px cells.
std::vector<a11y::Node> grid() {
    std::vector<a11y::Node> nodes;
    const char* ids = "abcdef";
    for (int i = 0; i < 6; ++i) {
        a11y::Node n;
        n.id = std::string(1, ids[i]);
        n.focusable = true;
        n.rect = {float(i % 3) * 100, float(i / 3) * 100, 90, 90};
        nodes.push_back(n);
    }
    return nodes;
}
std::vector<const a11y::Node*> ptrs(const std::vector<a11y::Node>& v) {
    std::vector<const a11y::Node*> out;
    for (const auto& n : v) out.push_back(&n);
    return out;
}
}  // namespace

TEST_CASE("ui.focus first key shows the focus, arrows move spatially", "[ui]") {
    auto nodes = grid();
    auto f = ptrs(nodes);
    FocusManager fm;
    CHECK_FALSE(fm.ringVisible());
    fm.handleKey(Key::Down, f);
    CHECK(fm.focusedId() == "a");  // the first press shows where we are
    CHECK(fm.ringVisible());
    fm.handleKey(Key::Right, f);
    CHECK(fm.focusedId() == "b");
    fm.handleKey(Key::Down, f);
    CHECK(fm.focusedId() == "e");
    fm.handleKey(Key::Left, f);
    CHECK(fm.focusedId() == "d");
    fm.handleKey(Key::Up, f);
    CHECK(fm.focusedId() == "a");
    // Nothing further up: wraps backwards in reading order rather than getting stuck.
    fm.handleKey(Key::Up, f);
    CHECK(fm.focusedId() == "f");
}

TEST_CASE("ui.focus Tab visits every control once and wraps", "[ui]") {
    auto nodes = grid();
    auto f = ptrs(nodes);
    FocusManager fm;
    fm.handleKey(Key::Tab, f);
    std::vector<std::string> seen{fm.focusedId()};
    for (int i = 0; i < 6; ++i) {
        fm.handleKey(Key::Tab, f);
        seen.push_back(fm.focusedId());
    }
    CHECK(seen == std::vector<std::string>{"a", "b", "c", "d", "e", "f", "a"});
    fm.handleKey(Key::ShiftTab, f);
    CHECK(fm.focusedId() == "f");
}

TEST_CASE("ui.focus Enter activates only the focused control, once", "[ui]") {
    auto nodes = grid();
    auto f = ptrs(nodes);
    FocusManager fm;
    fm.handleKey(Key::Tab, f);
    fm.handleKey(Key::Tab, f);  // b
    fm.handleKey(Key::Enter, f);
    CHECK(fm.item("b").activated);
    CHECK_FALSE(fm.item("a").activated);
    fm.endFrame(f);
    CHECK_FALSE(fm.item("b").activated);
    CHECK(fm.item("b").focused);
}

TEST_CASE("ui.focus moves on when its control disappears, a touch hides the ring", "[ui]") {
    auto nodes = grid();
    auto f = ptrs(nodes);
    FocusManager fm;
    fm.handleKey(Key::Tab, f);
    fm.setFocus("gone", true);
    fm.endFrame(f);
    CHECK(fm.focusedId() == "a");  // keypad user on a new screen: first control
    fm.pointerUsed();
    CHECK_FALSE(fm.ringVisible());
}
