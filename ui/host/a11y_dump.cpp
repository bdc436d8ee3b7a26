#include "ui/host/a11y_dump.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "drivers/common/log.hpp"
#include "kiosk/session/session.hpp"
#include "ui/core/widgets.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui {

void writeA11yDump(const std::string& path, Shell& shell, const DumpInfo& info) {
    using nlohmann::json;
    UiContext& ctx = shell.context();
    const a11y::Tree& tree = shell.tree();
    const bool personalScreen = tree.personalContent();
    json j;
    j["frame"] = info.frame;
    j["renderer"] = info.renderer;
    j["frameMs"] = info.frameMs;
    j["settled"] = info.settled;
    j["presented"] = info.presented;
    {  // what input this frame has seen: tests wait for the count of what they sent
        const auto& in = shell.inputsReceived();
        j["inputs"] = {{"keys", in.keys}, {"presses", in.presses}, {"releases", in.releases}};
    }
    j["screen"] = tree.screenId();  // what this frame drew (the router may already be elsewhere)
    j["title"] = tree.title();
    j["instruction"] = tree.instruction();  // "Étape 1 sur 2 — question 1 sur 3" (one question a page at 200 %)
    j["personal"] = personalScreen;
    j["phase"] = sessionPhaseName(ctx.session.phase());
    j["warningSecondsLeft"] = ctx.session.warningSecondsLeft();
    j["width"] = ctx.width;
    j["height"] = ctx.height;
    j["textScale"] = ctx.session.settings().textScale();
    j["speech"] = ctx.session.settings().speech;
    {  // what ImGui saw of the pointer (diagnosing lost taps)
        const ImGuiIO& io = ImGui::GetIO();
        j["pointer"] = {{"x", io.MousePos.x > -1e30f ? io.MousePos.x : -1.0f}, {"y", io.MousePos.y > -1e30f ? io.MousePos.y : -1.0f},
                        {"down", io.MouseDown[0]}, {"activeId", GImGui ? GImGui->ActiveId : 0u},
                        {"hoveredWindow", GImGui && GImGui->HoveredWindow ? GImGui->HoveredWindow->Name : ""}};
    }
    j["fontPx"] = ctx.fonts.sizes.body;
    j["keyboardOpen"] = shell.keyboard().isOpen();
    j["keyboardField"] = shell.keyboard().fieldId();
    j["keypadMode"] = shell.focus().keypadMode();
    j["focused"] = shell.focus().focusedId();
    j["page"] = {{"valid", ctx.page.valid},         {"bodyTop", ctx.page.bodyTop},
                 {"bodyBottom", ctx.page.bodyBottom}, {"footerTop", ctx.page.footerTop},
                 {"scrollY", ctx.page.scrollY},       {"scrollMaxY", ctx.page.scrollMaxY}};
    json nodes = json::array();
    for (const auto& n : tree.nodes()) {
        json o;
        o["id"] = n.id;
        o["role"] = a11y::roleName(n.role);
        bool hideText = personalScreen && n.role == a11y::Role::Text;
        o["label"] = hideText ? std::string() : n.label;
        if (!(n.personal || n.masked || personalScreen)) o["value"] = n.value;
        o["valueLength"] = utf8Length(n.value);
        o["rect"] = {n.rect.x, n.rect.y, n.rect.w, n.rect.h};
        o["visible"] = n.visible;
        o["focusable"] = n.focusable;
        o["focused"] = n.focused;
        o["disabled"] = n.disabled;
        if (n.checked) o["checked"] = *n.checked;
        nodes.push_back(std::move(o));
    }
    j["nodes"] = std::move(nodes);
    json broken = json::array();
    for (const auto& b : brokenWordsThisFrame())
        broken.push_back({{"word", personalScreen ? std::string("?") : b.word}, {"x", b.x}, {"y", b.y}});
    j["brokenWords"] = std::move(broken);

    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << j.dump() << '\n';
        if (!out) {
            static bool reported = false;
            if (!reported) log::error("ui", path + ": cannot write the accessibility dump");
            reported = true;
            return;
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
}

}  // namespace guichet::ui
