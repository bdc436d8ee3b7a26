// The shell's overlays, drawn above an inert screen: the idle warning (A18: countdown,
// one large button that extends, repeatable), the help card, and the on-screen keyboard.
#include <algorithm>
#include <cfloat>
#include <cstdio>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/icons.hpp"
#include "ui/core/widgets.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui {

void Shell::drawOverlays() {
    const auto& p = ctx_.colors();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float W = ctx_.width, H = ctx_.height;
    if (session_.phase() == Session::Phase::Warning) {
        dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), col(p.scrim, 200));
        float cardW = std::min(W - ctx_.px(80), ctx_.px(1200));
        float pad = ctx_.px(56);
        float innerW = cardW - 2 * pad;
        int left = session_.warningSecondsLeft();
        char msg[256];
        std::snprintf(msg, sizeof msg,
                      i18n::trn("La session se termine dans %d seconde. Ce que vous avez saisi sera effacé.",
                                "La session se termine dans %d secondes. Ce que vous avez saisi sera effacé.",
                                static_cast<unsigned long>(left)),
                      left);
        const char* title = _("Besoin de plus de temps ?");
        float titleH = measureWrappedText(ctx_.fonts.title, innerW, title).y;
        float msgH = measureWrappedText(ctx_.fonts.body, innerW, msg).y;
        float numberH = ctx_.fonts.title->FontSize * 1.3f;
        float btnH = std::max(ctx_.px(120), ctx_.fonts.bold->FontSize + ctx_.px(56));
        float cardH = pad * 2 + titleH + msgH + numberH + btnH * 2 + ctx_.px(24) * 4;
        float x0 = (W - cardW) * 0.5f;
        // In the reach layout the question comes down to where the hands are.
        float y0 = session_.settings().reach ? H - cardH - ctx_.px(40) : (H - cardH) * 0.5f;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + cardW, y0 + cardH), col(p.alertBg), ctx_.px(24));
        dl->AddRect(ImVec2(x0, y0), ImVec2(x0 + cardW, y0 + cardH), col(p.alertText), ctx_.px(24), 0, ctx_.px(6));
        float y = y0 + pad;
        y += drawWrappedText(dl, ctx_.fonts.title, ImVec2(x0 + pad, y), innerW, col(p.alertText), title, true) + ctx_.px(24);
        y += drawWrappedText(dl, ctx_.fonts.body, ImVec2(x0 + pad, y), innerW, col(p.alertText), msg, true) + ctx_.px(24);
        // The countdown as a big number and a shrinking bar (no flashing, A22).
        char num[16];
        std::snprintf(num, sizeof num, "%d", left);
        float nw = ctx_.fonts.title->CalcTextSizeA(ctx_.fonts.title->FontSize, FLT_MAX, 0, num).x;
        dl->AddText(ctx_.fonts.title, ctx_.fonts.title->FontSize, ImVec2(x0 + (cardW - nw) * 0.5f, y),
                    col(p.alertText), num);
        float frac = session_.effectiveWarning().count() > 0
                         ? std::clamp(left * 1000.0f / session_.effectiveWarning().count(), 0.0f, 1.0f)
                         : 0.0f;
        float barY = y + numberH - ctx_.px(14);
        dl->AddRectFilled(ImVec2(x0 + pad, barY), ImVec2(x0 + cardW - pad, barY + ctx_.px(10)), col(p.surfaceBorder, 80),
                          ctx_.px(5));
        dl->AddRectFilled(ImVec2(x0 + pad, barY), ImVec2(x0 + pad + innerW * frac, barY + ctx_.px(10)), col(p.alertText),
                          ctx_.px(5));
        y += numberH + ctx_.px(24);
        a11y::Node alert;
        alert.id = "idle-warning";
        alert.role = a11y::Role::Alert;
        alert.label = title;
        alert.value = msg;
        alert.rect = {x0, y0, cardW, cardH};
        tree_.add(std::move(alert));
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "clock";
        primary.hint = _("Garde vos réponses et redonne du temps");
        if (button(ctx_, "extend##warning", _("Oui, continuer"), ImVec2(x0 + pad, y), ImVec2(innerW, btnH), primary))
            session_.extend();
        y += btnH + ctx_.px(24);
        ButtonStyle quiet;
        quiet.kind = ButtonKind::Quiet;
        quiet.icon = "cross";
        if (button(ctx_, "end##warning", _("Non, terminer maintenant"), ImVec2(x0 + pad, y), ImVec2(innerW, btnH), quiet))
            pending_ = Intent::endSession();
        return;  // the countdown redraws at Session::nextDeadline(), once a second
    }
    if (helpOpen_) {
        dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), col(p.scrim, 200));
        Screen* s = router_.current();
        std::string text = s ? s->help() : std::string();
        if (text.empty()) text = _("Touchez une case pour choisir. Le bouton Retour revient en arrière.");
        float cardW = std::min(W - ctx_.px(80), ctx_.px(1200));
        float pad = ctx_.px(56);
        float innerW = cardW - 2 * pad;
        const char* title = _("Aide");
        float th = measureWrappedText(ctx_.fonts.title, innerW, title).y;
        float bh = measureWrappedText(ctx_.fonts.body, innerW, text).y;
        float btnH = std::max(ctx_.px(110), ctx_.fonts.bold->FontSize + ctx_.px(56));
        float cardH = pad * 2 + th + bh + btnH + ctx_.px(40) * 2;
        float x0 = (W - cardW) * 0.5f;
        float y0 = session_.settings().reach ? H - cardH - ctx_.px(40) : (H - cardH) * 0.5f;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + cardW, y0 + cardH), col(p.background), ctx_.px(24));
        dl->AddRect(ImVec2(x0, y0), ImVec2(x0 + cardW, y0 + cardH), col(p.surfaceBorder), ctx_.px(24), 0, ctx_.px(4));
        float y = y0 + pad;
        drawIcon(dl, "help", ImVec2(x0 + pad + th * 0.4f, y + th * 0.5f), th * 0.8f, col(p.icon), col(p.icon),
                 col(p.background));
        y += drawWrappedText(dl, ctx_.fonts.title, ImVec2(x0 + pad + th, y), innerW - th, col(p.text), title, false) +
             ctx_.px(40);
        a11y::Node t;
        t.id = "help:title";
        t.role = a11y::Role::Heading;
        t.label = title;
        t.rect = {x0 + pad, y0 + pad, innerW, th};
        tree_.add(std::move(t));
        a11y::Node n;
        n.id = "help:text";
        n.role = a11y::Role::Text;
        n.label = text;
        n.rect = {x0 + pad, y, innerW, bh};
        y += drawWrappedText(dl, ctx_.fonts.body, ImVec2(x0 + pad, y), innerW, col(p.text), text, false) + ctx_.px(40);
        tree_.add(std::move(n));
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        if (button(ctx_, "close##help", _("Fermer l'aide"), ImVec2(x0 + pad, y), ImVec2(innerW, btnH), primary))
            helpOpen_ = false;
        return;
    }
    if (keyboard_.isOpen()) keyboard_.draw(ctx_);
}

}  // namespace guichet::ui
