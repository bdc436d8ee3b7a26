// FrameChange (ui/host/frame_change): a frame identical to the screen is not presented again;
// any change of geometry, colour, texture or clear colour is; invalidate() forces the next.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "ui/host/frame_change.hpp"

using guichet::ui::FrameChange;
using guichet::ui::Rgb;

namespace {

// One ImGui frame drawing `text` at `x` with a rectangle of `colour` and, when given, an
// image of `texture`; returns the frame's draw data (valid until the next frame).
ImDrawData* frame(const char* text, float x, ImU32 colour, ImTextureID texture = nullptr) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(ImVec2(10, 10), ImVec2(200, 100), colour);
    dl->AddText(ImVec2(x, 150), IM_COL32_WHITE, text);
    if (texture) dl->AddImage(texture, ImVec2(300, 300), ImVec2(400, 400));
    ImGui::Render();
    return ImGui::GetDrawData();
}

struct ImGuiScope {
    ImGuiScope() {
        ImGui::CreateContext();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // builds the default font
    }
    ~ImGuiScope() { ImGui::DestroyContext(); }
};

}  // namespace

TEST_CASE("ui.frame-change the same frame twice is shown once, any difference is shown", "[ui]") {
    ImGuiScope imgui;
    FrameChange change;
    const Rgb clear{240, 240, 240};
    CHECK(change.changed(frame("Continuer", 20, IM_COL32(0, 0, 128, 255)), clear));   // the first is always shown
    CHECK_FALSE(change.changed(frame("Continuer", 20, IM_COL32(0, 0, 128, 255)), clear));  // settle frame: same pixels
    CHECK(change.changed(frame("Continuez", 20, IM_COL32(0, 0, 128, 255)), clear));    // one glyph
    CHECK(change.changed(frame("Continuez", 21, IM_COL32(0, 0, 128, 255)), clear));    // moved one pixel
    CHECK(change.changed(frame("Continuez", 21, IM_COL32(0, 0, 129, 255)), clear));    // a colour (focus ring, selection)
    CHECK_FALSE(change.changed(frame("Continuez", 21, IM_COL32(0, 0, 129, 255)), clear));
    CHECK(change.changed(frame("Continuez", 21, IM_COL32(0, 0, 129, 255)), Rgb{0, 0, 0}));  // high contrast's clear colour
    int a = 0, b = 0;
    CHECK(change.changed(frame("Continuez", 21, IM_COL32(0, 0, 129, 255), &a), Rgb{0, 0, 0}));  // a picture appears
    CHECK(change.changed(frame("Continuez", 21, IM_COL32(0, 0, 129, 255), &b), Rgb{0, 0, 0}));  // another texture
    CHECK_FALSE(change.changed(frame("Continuez", 21, IM_COL32(0, 0, 129, 255), &b), Rgb{0, 0, 0}));
}

TEST_CASE("ui.frame-change after invalidate the next frame is shown even when identical", "[ui]") {
    ImGuiScope imgui;
    FrameChange change;
    const Rgb clear{240, 240, 240};
    int texture = 0;
    CHECK(change.changed(frame("Page 1", 20, IM_COL32(0, 0, 128, 255), &texture), clear));
    CHECK_FALSE(change.changed(frame("Page 1", 20, IM_COL32(0, 0, 128, 255), &texture), clear));
    // A new scan's picture in a texture that took the freed one's name: same draw lists,
    // other pixels. The host invalidates on every texture created or destroyed.
    change.invalidate();
    CHECK(change.changed(frame("Page 1", 20, IM_COL32(0, 0, 128, 255), &texture), clear));
    CHECK_FALSE(change.changed(frame("Page 1", 20, IM_COL32(0, 0, 128, 255), &texture), clear));
    CHECK(change.changed(nullptr, clear));  // no draw data at all is a change too
}
