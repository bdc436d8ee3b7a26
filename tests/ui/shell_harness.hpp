// Drives the real Shell in-process (no window): real screens, widgets, focus, session and
// overlays, a fake clock, and input events exactly as the SDL host produces them.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "kiosk/i18n/i18n.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui::test {

// Run from the repository root, as the terminal is (scripts/demo.sh): areas linked into
// the UI find their data (the procedures catalogue in config/) by relative paths.
inline void enterSourceRoot() { std::filesystem::current_path(GUICHET_SOURCE_DIR); }

inline TerminalConfig testConfig() {
    TerminalConfig c = TerminalConfig::defaults();
    c.timeouts = {std::chrono::seconds(60), std::chrono::seconds(30), 2.0};
    c.debounceMs = 300;
    return c;
}

struct Harness {
    std::chrono::steady_clock::time_point now{std::chrono::seconds(100000)};
    Shell shell;

    explicit Harness(TerminalConfig config = testConfig(), int width = 1920, int height = 1080)
        : shell((enterSourceRoot(), std::move(config)), ShellOptions{"", false, width, height, true}, [this] { return now; }) {
        i18n::init(std::string(GUICHET_BINARY_DIR) + "/locale");
        REQUIRE(shell.prepareFonts().ok());
        settle();
    }

    void settle() {
        for (int i = 0; i < 60; ++i) {
            shell.frame();
            if (!shell.wantsFrame()) break;
        }
    }
    void advance(std::chrono::milliseconds ms) {
        now += ms;
        settle();
    }
    void key(Key k) {
        now += std::chrono::milliseconds(shell.config().debounceMs + 10);
        InputEvent e;
        e.kind = InputEvent::Kind::KeyDown;
        e.key = k;
        shell.input(e);
        settle();
    }
    void text(const std::string& s) {
        InputEvent e;
        e.kind = InputEvent::Kind::Text;
        std::size_t i = 0;
        while (i < s.size()) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            std::fill(std::begin(e.text), std::end(e.text), 0);
            std::copy_n(s.data() + i, len, e.text);
            shell.input(e);
            i += len;
        }
        std::fill(std::begin(e.text), std::end(e.text), 0);
        settle();
    }
    void tapAt(float x, float y) {
        now += std::chrono::milliseconds(shell.config().debounceMs + 10);
        InputEvent e;
        e.x = x;
        e.y = y;
        e.kind = InputEvent::Kind::PointerMove;
        shell.input(e);
        e.kind = InputEvent::Kind::PointerDown;
        shell.input(e);
        e.kind = InputEvent::Kind::PointerUp;
        shell.input(e);
        settle();
    }
    const a11y::Node* find(const std::string& label) const {
        for (const auto& n : shell.tree().nodes())
            if (n.focusable && n.label == label) return &n;
        for (const auto& n : shell.tree().nodes())
            if (n.focusable && n.label.find(label) != std::string::npos) return &n;
        return nullptr;
    }
    // A control of a later part of a page is reached as a resident reaches it: back to the
    // first part, then "Voir la suite" part by part.
    void turnTo(const std::string& label) {
        auto press = [&](const char* id) {
            for (const auto& n : shell.tree().nodes())
                if (n.id == id && n.visible && !n.disabled) {
                    tapAt(n.rect.x + n.rect.w / 2, n.rect.y + n.rect.h / 2);
                    return true;
                }
            return false;
        };
        if (find(label)) return;
        for (int i = 0; i < 20 && !find(label) && press("previous##page"); ++i) {}
        for (int i = 0; i < 20 && !find(label) && press("more##page"); ++i) {}
    }
    void tap(const std::string& label) {
        turnTo(label);
        const a11y::Node* n = find(label);
        INFO("tap \"" << label << "\" on " << shell.screenId());
        REQUIRE(n);
        if (!n->visible) {  // below the fold: scroll to it, as a resident would
            shell.reveal(n->id);
            settle();
            n = find(label);
            REQUIRE(n);
        }
        REQUIRE(n->visible);
        tapAt(n->rect.x + n->rect.w / 2, n->rect.y + n->rect.h / 2);
    }
    std::string focused() const {
        const auto* f = shell.tree().focused();
        return f ? f->label : std::string();
    }
};

}  // namespace guichet::ui::test
