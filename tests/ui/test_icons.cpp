// Each démarche of the shipped catalogue has its own pictogram on the home screen (issue 14:
// birth and death certificates shared one document icon). Checked by drawing: two names
// that drew the same shapes would not count as distinct.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "kiosk/procedures/catalogue_loader.hpp"
#include "ui/core/icons.hpp"

using namespace guichet;

namespace {
// The vertices an icon draws, as text: equal strings mean equal pictures.
std::string drawnShapes(std::string_view name) {
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.PushClipRectFullScreen();
    ui::drawIcon(&dl, name, ImVec2(100, 100), 160, IM_COL32(0, 0, 0, 255), IM_COL32(200, 0, 0, 255),
                 IM_COL32(255, 255, 255, 255));
    std::string out;
    for (const auto& v : dl.VtxBuffer)
        out += std::to_string(static_cast<int>(v.pos.x)) + "," + std::to_string(static_cast<int>(v.pos.y)) + ";";
    return out;
}
}  // namespace

TEST_CASE("ui.every démarche of the shipped catalogue has its own icon", "[ui]") {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Build();
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();  // sets the draw lists' shared data (circle tessellation)
    auto load = procedures::loadCatalogue(std::string(GUICHET_SOURCE_DIR) + "/config/procedures");
    REQUIRE(load.ok());
    auto names = ui::iconNames();
    std::map<std::string, std::string> byShapes;  // drawn shapes -> procedure id
    for (const auto& p : load.catalogue.procedures) {
        INFO(p.id << " uses icon \"" << p.icon << "\"");
        CHECK(std::find(names.begin(), names.end(), p.icon) != names.end());  // drawn, not the fallback square
        std::string shapes = drawnShapes(p.icon);
        CHECK_FALSE(shapes.empty());
        auto [it, fresh] = byShapes.emplace(shapes, p.id);
        INFO("same picture as " << it->second);
        CHECK(fresh);
    }
    ImGui::EndFrame();
    ImGui::DestroyContext();
}
