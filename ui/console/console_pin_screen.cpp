// The console's PIN pad: the digits shown as dots (never spoken, A3), a 3 x 4 pad that the
// keypad's digits, Delete and Enter drive too. Five wrong PINs lock it for five minutes
// (PinGate); the digits live in a session field, wiped when checked and when the session
// ends. Closes by itself after [console] idle_seconds without input.
#include <cstdio>

#include <imgui.h>

#include "drivers/common/wiping_heap.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/console/console_runtime.hpp"
#include "ui/core/input.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui::console_ui {
namespace {

constexpr std::size_t kMaxDigits = 8;
constexpr const char* kPinField = "console.pin";

class ConsolePinScreen : public Screen {
public:
    std::string id() const override { return "console.pin"; }
    std::string title() const override { return _("Console de l'accueil"); }
    std::string instruction() const override { return _("Tapez le code de l'accueil, puis « Valider »."); }

    Intent draw(UiContext& ctx) override {
        ConsoleRuntime* rt = ConsoleRuntime::instance();
        if (rt) ctx.closeWhenIdle = std::chrono::seconds(rt->config().idleSeconds);
        std::string& digits = ctx.session.field(kPinField);
        PageScope page(ctx, {.title = title(), .subtitle = instruction(), .footer = false});
        Intent intent;
        bool locked = rt && rt->gate().locked();
        if (locked) {  // drawn from the gate each frame: it goes away with the lockout
            char msg[256];
            int minutes = (rt->gate().secondsLeftLocked() + 59) / 60;
            std::snprintf(msg, sizeof msg, _("Trop de codes faux : la console est bloquée. Réessayez dans %d min."), minutes);
            statusLine(ctx, msg, "alert");
            message_.clear();
        } else if (!message_.empty()) {
            statusLine(ctx, message_, "alert");
        }
        drawDots(ctx, digits.size());
        drawPad(ctx, digits, locked, intent);
        spacing(ctx, 8);
        ButtonStyle quiet;
        quiet.kind = ButtonKind::Secondary;
        quiet.icon = "cross";
        float w = padWidth(ctx);
        ImGui::SetCursorScreenPos(ImVec2(padLeft(ctx, page), ImGui::GetCursorScreenPos().y));
        if (bigButton(ctx, "cancel##console.pin", _("Annuler"), quiet, w)) intent = Intent::endSession();
        (void)page.finish();
        if (submit_) {
            submit_ = false;
            intent = check(ctx, digits);
        }
        return intent;
    }

    bool onKey(UiContext& ctx, Key key) override {
        std::string& digits = ctx.session.field(kPinField);
        ConsoleRuntime* rt = ConsoleRuntime::instance();
        if (rt && rt->gate().locked()) return digitOf(key) >= 0 || key == Key::Delete;  // the pad is off
        if (int d = digitOf(key); d >= 0) {
            if (digits.size() < kMaxDigits) digits.push_back(static_cast<char>('0' + d));
            return true;
        }
        if (key == Key::Delete && !digits.empty()) {
            digits.back() = '\0';
            digits.pop_back();
            return true;
        }
        return false;
    }

private:
    float padWidth(UiContext& ctx) const { return std::min(ctx.px(3 * 200 + 2 * 24), ImGui::CalcItemWidth()); }
    float padLeft(UiContext& ctx, PageScope& page) const {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        return pos.x + (page.contentWidth() - padWidth(ctx)) * 0.5f;
    }

    void drawDots(UiContext& ctx, std::size_t count) {
        const auto& p = ctx.colors();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float w = std::min(ctx.px(3 * 200 + 2 * 24), ImGui::CalcItemWidth());
        float x0 = pos.x + (ImGui::CalcItemWidth() - w) * 0.5f;
        float h = ctx.px(96);
        dl->AddRectFilled(ImVec2(x0, pos.y), ImVec2(x0 + w, pos.y + h), col(p.surface), ctx.px(12));
        dl->AddRect(ImVec2(x0, pos.y), ImVec2(x0 + w, pos.y + h), col(p.surfaceBorder), ctx.px(12), 0, ctx.px(3));
        float r = ctx.px(14), step = ctx.px(52);
        float start = x0 + w * 0.5f - step * (static_cast<float>(kMaxDigits) - 1) * 0.5f;
        for (std::size_t i = 0; i < kMaxDigits; ++i) {
            ImVec2 c(start + step * static_cast<float>(i), pos.y + h * 0.5f);
            if (i < count) dl->AddCircleFilled(c, r, col(p.text));
            else dl->AddCircle(c, r * 0.5f, col(p.textMuted), 0, ctx.px(2));
        }
        if (!ctx.inert) {
            a11y::Node n;
            n.id = "pin##console";
            n.role = a11y::Role::TextField;
            n.label = _("Code de l'accueil");
            n.value = std::to_string(count) + " / " + std::to_string(kMaxDigits);
            n.masked = true;
            n.rect = {x0, pos.y, w, h};
            ctx.tree.add(std::move(n));
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(28)));
        ImGui::Dummy(ImVec2(1, 0));
    }

    void drawPad(UiContext& ctx, std::string& digits, bool locked, Intent&) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float gap = ctx.px(24);
        float w = std::min(ctx.px(3 * 200 + 2 * 24), ImGui::CalcItemWidth());
        float kw = (w - 2 * gap) / 3;
        float kh = std::max(ctx.px(110), ctx.fonts.bold->FontSize + ctx.px(48));
        float x0 = pos.x + (ImGui::CalcItemWidth() - w) * 0.5f;
        static const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
        for (int i = 0; i < 12; ++i) {
            ImVec2 at(x0 + static_cast<float>(i % 3) * (kw + gap), pos.y + static_cast<float>(i / 3) * (kh + gap));
            ButtonStyle st;
            st.kind = ButtonKind::Key;
            st.font = ctx.fonts.heading;
            st.disabled = locked;
            std::string label = labels[i];
            std::string id = label + "##console.pin." + std::to_string(i);
            if (i == 9) {
                st.font = ctx.fonts.bold;
                st.disabled = locked || digits.empty();
                label = _("Effacer");
                id = "erase##console.pin";
            } else if (i == 11) {
                st.kind = ButtonKind::Primary;
                st.font = ctx.fonts.bold;
                st.disabled = locked || digits.empty();
                label = _("Valider");
                id = "submit##console.pin";
            }
            if (!button(ctx, id.c_str(), label, at, ImVec2(kw, kh), st)) continue;
            if (i == 9) {
                digits.back() = '\0';
                digits.pop_back();
            } else if (i == 11) {
                submit_ = true;  // checked after the frame: argon2 takes a moment
            } else if (digits.size() < kMaxDigits) {
                digits.push_back(label[0]);
            }
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + 4 * kh + 3 * gap + ctx.px(28)));
        ImGui::Dummy(ImVec2(1, 0));
    }

    Intent check(UiContext& ctx, std::string& digits) {
        ConsoleRuntime* rt = ConsoleRuntime::instance();
        if (!rt) return Intent::endSession();
        char msg[256];
        switch (rt->gate().submit(digits)) {  // wipes the digits, logs the attempt (never the PIN)
            case console::PinGate::Outcome::Accepted:
                message_.clear();
                return Intent::replace("console");
            case console::PinGate::Outcome::Wrong:
                std::snprintf(msg, sizeof msg, _("Code faux. Essais restants avant blocage : %d."),
                              console::PinGate::kMaxFailures - rt->gate().failures());
                message_ = msg;
                break;
            case console::PinGate::Outcome::Locked:
                message_.clear();  // the locked message is drawn from the gate itself
                break;
            case console::PinGate::Outcome::NotConfigured:
                message_ = _("Aucun code n'est réglé sur cette borne : la console ne peut pas s'ouvrir. Le service "
                             "informatique règle le code (guichetctl pin hash).");
                break;
        }
        ctx.requestFrame();
        return {};
    }

    std::string message_;
    bool submit_ = false;
};

}  // namespace

GUICHET_SCREEN("console.pin", [](UiContext&, const std::string&) { return std::make_unique<ConsolePinScreen>(); });

}  // namespace guichet::ui::console_ui
