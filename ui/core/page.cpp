#include "ui/core/page.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <imgui_internal.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/clock_text.hpp"
#include "ui/core/icons.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {

namespace {
// The clock's column of a landscape header, a line each: the date and the time, as on a
// town hall's notice board; with large text the time alone. At 200 % the date's width
// wrapped long titles ("Rendez-vous carte d'identité ou passeport") onto a second line and
// the header took over a third of the screen: a page of one question then ran under the
// footer (the nightly walks at 200 % in landscape). A portrait header has none: it needs
// its width for the title.
std::vector<std::string> clockLines(const UiContext& ctx, std::time_t now) {
    if (ctx.portrait()) return {};
    if (ctx.session.settings().textScale() > 1.0f) return {timeText(now)};
    return {dateText(now), timeText(now)};
}

float clockColumnWidth(const UiContext& ctx, const std::vector<std::string>& lines, float margin) {
    if (lines.empty()) return 0;
    ImFont* f = ctx.fonts.body;
    float w = 0;
    for (const auto& l : lines) w = std::max(w, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, l.c_str()).x);
    return w + margin;
}

// Where the title, the subtitle and the clock of a (not tall) header go. The clock's column
// sits beside the whole text block; but when the time is alone (large text) and only the
// clock's width makes the title wrap, the time moves down to the subtitle's line and the
// title keeps one line. "Payer une facture de cantine ou de périscolaire" took two lines at
// 200 % in landscape, and its family-card question then ran 86 px under the footer.
struct HeaderColumns {
    std::vector<std::string> clock;  // the clock's lines, right-aligned
    float titleW = 0, subtitleW = 0;
    bool clockOnSubtitleLine = false;
};

HeaderColumns headerColumns(const UiContext& ctx, float margin, std::string_view title, std::string_view subtitle) {
    HeaderColumns c;
    c.clock = clockLines(ctx, std::time(nullptr));
    const float full = ctx.width - 3 * margin - ctx.px(96);
    const float clockW = clockColumnWidth(ctx, c.clock, margin);
    c.titleW = c.subtitleW = full - clockW;
    if (c.clock.size() == 1 && !subtitle.empty() && !title.empty()) {
        const float oneLine = ctx.fonts.title->FontSize * 1.5f;
        if (measureWrappedText(ctx.fonts.title, c.titleW, title).y > oneLine &&
            measureWrappedText(ctx.fonts.title, full, title).y <= oneLine) {
            c.titleW = full;
            c.clockOnSubtitleLine = true;
        }
    }
    return c;
}
}  // namespace

PageLayout pageLayout(const UiContext& ctx, bool withFooter, float customFooterHeight, std::string_view title,
                      std::string_view subtitle) {
    PageLayout l;
    float W = ctx.width, H = ctx.height;
    l.margin = ctx.portrait() ? ctx.px(40) : ctx.px(60);
    // The header grows with its text (large text wraps the subtitle), never cuts it.
    const HeaderColumns cols = headerColumns(ctx, l.margin, title, subtitle);
    float textH = (title.empty() ? ctx.fonts.title->FontSize : measureWrappedText(ctx.fonts.title, cols.titleW, title).y) +
                  (subtitle.empty() ? ctx.fonts.body->FontSize
                                    : measureWrappedText(ctx.fonts.body, cols.subtitleW, subtitle).y + ctx.px(8));
    float headerH = std::max(ctx.px(150), textH + ctx.px(50));
    if (ctx.session.settings().reach) headerH = std::max(headerH, H * (ctx.portrait() ? 0.40f : 0.30f));
    float footerH = withFooter ? std::max(ctx.px(150), ctx.fonts.bold->FontSize + ctx.px(100)) : customFooterHeight;
    l.headerMin = ImVec2(0, 0);
    l.headerMax = ImVec2(W, headerH);
    l.footerMin = ImVec2(0, H - footerH);
    l.footerMax = ImVec2(W, H);
    l.bodyMin = ImVec2(0, headerH);
    l.bodyMax = ImVec2(W, H - footerH);
    return l;
}

void drawHeader(UiContext& ctx, const PageLayout& l, std::string_view title, std::string_view subtitle) {
    const auto& p = ctx.colors();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(l.headerMin, l.headerMax, col(p.headerBg));
    if (p.name == "high-contrast")
        dl->AddLine(ImVec2(0, l.headerMax.y - ctx.px(2)), ImVec2(ctx.width, l.headerMax.y - ctx.px(2)),
                    col(p.headerText), ctx.px(4));
    float logo = ctx.px(96);
    // In the reach layout the header is tall: the page's name sits centred in it, under a
    // large town logo, like a sign above the controls that stay within reach below.
    // Only the reach layout: a header grown tall by its own text (a long title at 200 % in
    // portrait) keeps the logo beside the text, for pageLayout measured it so; the centred
    // layout adds a 200 px logo above, and cut the subtitle's last line there.
    bool tall = ctx.session.settings().reach && l.headerMax.y > ctx.px(400);
    float x, w, top, blockH;
    if (tall) {
        float big = std::min(ctx.px(200), l.headerMax.y * 0.3f);
        w = ctx.width - 2 * l.margin;
        x = l.margin;
        float titleH = measureWrappedText(ctx.fonts.title, w, title).y;
        float subH = subtitle.empty() ? 0 : measureWrappedText(ctx.fonts.body, w, subtitle).y;
        blockH = titleH + (subH > 0 ? subH + ctx.px(12) : 0);
        float total = big + ctx.px(40) + blockH;
        float y0 = (l.headerMax.y - total) * 0.5f;
        ImVec2 c(ctx.width * 0.5f, y0 + big * 0.5f);
        dl->AddCircleFilled(c, big * 0.5f, col(p.headerText), 64);
        drawIcon(dl, "mairie", c, big * 0.95f, col(p.headerBg), col(p.headerBg), col(p.headerText));
        top = y0 + big + ctx.px(40);
        drawWrappedText(dl, ctx.fonts.title, ImVec2(x, top), w, col(p.headerText), title, true);
        if (!subtitle.empty())
            drawWrappedText(dl, ctx.fonts.body, ImVec2(x, top + titleH + ctx.px(12)), w, col(p.headerText), subtitle, true);
    } else {
        // The clock on the right (headerColumns), right-aligned: centred in the header, or
        // on the subtitle's first line.
        const HeaderColumns cols = headerColumns(ctx, l.margin, title, subtitle);
        float titleH = measureWrappedText(ctx.fonts.title, cols.titleW, title).y;
        float subH = subtitle.empty() ? 0 : measureWrappedText(ctx.fonts.body, cols.subtitleW, subtitle).y;
        blockH = titleH + (subH > 0 ? subH + ctx.px(8) : 0);
        top = (l.headerMax.y - blockH) * 0.5f;
        ImFont* f = ctx.fonts.body;
        float cy = cols.clockOnSubtitleLine ? top + titleH + ctx.px(8) : (l.headerMax.y - cols.clock.size() * f->FontSize) * 0.5f;
        for (const auto& line : cols.clock) {
            const float lw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, line.c_str()).x;
            dl->AddText(f, f->FontSize, ImVec2(ctx.width - l.margin - lw, cy), col(p.headerText), line.c_str());
            cy += f->FontSize;
        }
        drawIcon(dl, "mairie", ImVec2(l.margin + logo * 0.5f, top + std::min(blockH, logo) * 0.5f), logo,
                 col(p.headerBg), col(p.headerBg), col(p.headerText));
        x = l.margin + logo + l.margin * 0.6f;
        w = cols.titleW;
        drawWrappedText(dl, ctx.fonts.title, ImVec2(x, top), cols.titleW, col(p.headerText), title, false);
        if (!subtitle.empty())
            drawWrappedText(dl, ctx.fonts.body, ImVec2(x, top + titleH + ctx.px(8)), cols.subtitleW, col(p.headerText),
                            subtitle, false);
    }
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "page:title";
        n.role = a11y::Role::Heading;
        n.label = std::string(title);
        n.value = std::string(subtitle);
        n.rect = {x, top, w, blockH};
        ctx.tree.add(std::move(n));
    }
}

namespace {

// Touch scrolling of the page body: a finger that moves more than a few millimetres after
// pressing drags the page (and no longer presses the control it started on); the body
// follows the finger. One finger, one UI thread: a file-level state is enough.
struct BodyDrag {
    bool pressing = false;
    bool dragging = false;
    float startY = 0;
    float startScroll = 0;
};
BodyDrag g_drag;
// How far the last page body drawn could scroll: a body that scrolls leaves a column for
// the arrows outside itself (a control inside the scrolling body would move with it).
float g_lastBodyMaxY = 0;

// The width of the arrow column shown beside a body that scrolls.
float arrowColumn(const UiContext& ctx) { return ctx.px(150); }

void dragToScroll(UiContext& ctx, ImVec2 bodyMin, ImVec2 bodyMax) {
    ImGuiIO& io = ImGui::GetIO();
    float maxY = ImGui::GetScrollMaxY();
    if (ctx.inert) return;
    if (ImGui::IsMouseClicked(0)) {
        ImVec2 m = io.MousePos;
        g_drag.pressing = m.x >= bodyMin.x && m.x < bodyMax.x && m.y >= bodyMin.y && m.y < bodyMax.y && maxY > 0;
        g_drag.dragging = false;
        g_drag.startY = m.y;
        g_drag.startScroll = ImGui::GetScrollY();
    }
    if (!io.MouseDown[0]) {
        // The finger's last move can arrive with the lift, in the same frame (a quick flick
        // on a busy terminal): the page still follows it to where the finger left.
        if (g_drag.dragging && io.MousePos.y > -1e30f)
            ImGui::SetScrollY(std::clamp(g_drag.startScroll - (io.MousePos.y - g_drag.startY), 0.0f, maxY));
        g_drag.pressing = g_drag.dragging = false;
        return;
    }
    if (!g_drag.pressing) return;
    float dy = io.MousePos.y - g_drag.startY;
    if (!g_drag.dragging && std::fabs(dy) > ctx.px(28)) {
        g_drag.dragging = true;
        ImGui::ClearActiveID();  // the control under the finger is not pressed by a drag
    }
    if (g_drag.dragging) {
        ImGui::SetScrollY(std::clamp(g_drag.startScroll - dy, 0.0f, maxY));
        ctx.requestFrame();
    }
}

// Big arrows beside a body that scrolls: a page at a time, for those who cannot drag.
void scrollArrows(UiContext& ctx, const PageLayout& l, float scrollY, float maxY, float* newScroll) {
    float w = arrowColumn(ctx) - ctx.px(30);
    float x = ctx.width - l.margin * 0.5f - w;
    float h = std::min(ctx.px(220), (l.bodyMax.y - l.bodyMin.y - ctx.px(60)) * 0.5f);
    float step = (l.bodyMax.y - l.bodyMin.y) * 0.75f;
    ButtonStyle st;
    st.kind = ButtonKind::Secondary;
    st.hideLabel = true;
    const auto& p = ctx.colors();
    auto arrow = [&](const char* id, const char* label, float y, bool up, bool enabled) {
        st.disabled = !enabled;
        bool hit = button(ctx, id, label, ImVec2(x, y), ImVec2(w, h), st);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float cx = x + w * 0.5f, cy = y + h * 0.5f, r = w * 0.32f;
        ImU32 c = col(p.surfaceText, enabled ? 255 : 90);
        if (up) dl->AddTriangleFilled(ImVec2(cx, cy - r), ImVec2(cx + r, cy + r * 0.6f), ImVec2(cx - r, cy + r * 0.6f), c);
        else dl->AddTriangleFilled(ImVec2(cx - r, cy - r * 0.6f), ImVec2(cx + r, cy - r * 0.6f), ImVec2(cx, cy + r), c);
        return hit && enabled;
    };
    if (arrow("scroll-up##page", _("Remonter la page"), l.bodyMin.y + ctx.px(30), true, scrollY > 0.5f))
        *newScroll = std::max(0.0f, scrollY - step);
    if (arrow("scroll-down##page", _("Voir la suite de la page"), l.bodyMax.y - ctx.px(30) - h, false, scrollY < maxY - 0.5f))
        *newScroll = std::min(maxY, scrollY + step);
}

}  // namespace

PageScope::PageScope(UiContext& ctx, const PageSpec& spec) : ctx_(ctx), spec_(spec) {
    layout_ = pageLayout(ctx, spec.footer, spec.customFooterHeight, spec.title, spec.subtitle);
    ctx.clearColor = ctx.colors().background;
    drawHeader(ctx, layout_, spec.title, spec.subtitle);
    ImGui::SetCursorScreenPos(layout_.bodyMin);
    ImVec2 size(layout_.bodyMax.x - layout_.bodyMin.x, layout_.bodyMax.y - layout_.bodyMin.y);
    scrolls_ = g_lastBodyMaxY > 0;
    if (scrolls_) size.x -= arrowColumn(ctx) - layout_.margin * 0.5f;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(layout_.margin, ctx.px(36)));
    // No scroll bar: a 16 px bar is no way for a finger (drag the page or use the arrows).
    ImGui::BeginChild("##body", size, false,
                      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_AlwaysUseWindowPadding |
                          ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar();
    ctx.page.valid = true;
    ctx.page.bodyTop = layout_.bodyMin.y;
    ctx.page.bodyBottom = layout_.bodyMax.y;
    ctx.page.footerTop = layout_.footerMin.y;
    float maxW = ctx.px(1800);
    float avail = ImGui::GetContentRegionAvail().x;
    if (avail > maxW) {  // long lines are hard to read: keep a column, centred
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - maxW) * 0.5f);
    }
    ImGui::PushItemWidth(std::min(avail, maxW));
    ImGui::BeginGroup();
}

float PageScope::contentWidth() const { return std::min(ImGui::CalcItemWidth(), ctx_.px(1800)); }

PageScope::~PageScope() {
    if (open_) (void)finish();
}

bool accessibilityButton(UiContext& ctx, ImVec2 pos, ImVec2 size) {
    ButtonStyle st;
    st.kind = ButtonKind::Accent;
    st.icon = "access";
    st.hint = _("Texte plus grand, contraste, police adaptée, voix");
    return button(ctx, "Accessibilité##footer", _("Accessibilité"), pos, size, st);
}

Intent PageScope::finish() {
    if (!open_) return {};
    open_ = false;
    ImGui::EndGroup();
    ImGui::PopItemWidth();
    ImGui::Dummy(ImVec2(1, ctx_.px(24)));
    dragToScroll(ctx_, layout_.bodyMin, layout_.bodyMax);
    float scrollY = ImGui::GetScrollY(), maxY = ImGui::GetScrollMaxY();
    ctx_.page.scrollY = scrollY;
    ctx_.page.scrollMaxY = maxY;
    ImGuiWindow* body = ImGui::GetCurrentWindow();
    ImGui::EndChild();
    if ((maxY > 0) != (g_lastBodyMaxY > 0)) ctx_.requestFrame();  // the arrows' column comes or goes
    g_lastBodyMaxY = maxY;
    if (scrolls_ && maxY > 0) {
        float target = -1;
        scrollArrows(ctx_, layout_, scrollY, maxY, &target);
        if (target >= 0) {
            ImGui::SetScrollY(body, target);
            ctx_.requestFrame();
        }
    }
    if (!spec_.footer) return {};
    const auto& p = ctx_.colors();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(layout_.footerMin, layout_.footerMax, col(p.name == "high-contrast" ? p.background : hex(0xFFFFFF)));
    dl->AddLine(layout_.footerMin, ImVec2(layout_.footerMax.x, layout_.footerMin.y), col(p.surfaceBorder), ctx_.px(2));
    Intent intent;
    float m = layout_.margin;
    float h = layout_.footerMax.y - layout_.footerMin.y - ctx_.px(44);
    float y = layout_.footerMin.y + ctx_.px(22);
    float avail = ctx_.width - 2 * m;
    int count = spec_.back + spec_.home + spec_.help + spec_.accessibility;
    float gap = ctx_.px(20);
    // Each button as wide as its label needs (a word is never cut: "Accessibili/té"), the
    // room left shared out; a narrow portrait screen gives "Accessibilité" what it needs.
    ImFont* bf = ctx_.fonts.bold;
    auto need = [&](const char* label) {
        return bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, label).x + bf->FontSize * 1.2f + ctx_.px(28) * 2.8f + ctx_.px(4);
    };
    float needBack = spec_.back ? need(_("Retour")) : 0, needHome = spec_.home ? need(_("Accueil")) : 0;
    float needHelp = spec_.help ? need(_("Aide")) : 0, needAccess = spec_.accessibility ? need(_("Accessibilité")) : 0;
    float spare = avail - gap * (count - 1) - (needBack + needHome + needHelp + needAccess);
    float w = std::min(ctx_.px(420), (avail - gap * (count - 1)) / std::max(1, count));
    bool tight = spare < 0 || std::max({needBack, needHome, needHelp}) > w || needAccess > std::max(w, ctx_.px(360));
    float share = tight ? std::max(0.0f, spare) / std::max(1, count) : 0;
    auto width = [&](float n) { return tight ? n + share : w; };
    float x = m;
    ButtonStyle st;
    st.kind = ButtonKind::Quiet;
    // Still too narrow for every label in one row (portrait): the three quiet buttons give
    // up their icons before any word would be cut.
    bool noIcons = tight && spare < 0;
    if (noIcons) {
        float icon = bf->FontSize * 1.2f + ctx_.px(28) * 0.8f;
        needBack -= spec_.back ? icon : 0;
        needHome -= spec_.home ? icon : 0;
        needHelp -= spec_.help ? icon : 0;
        spare = avail - gap * (count - 1) - (needBack + needHome + needHelp + needAccess);
        share = std::max(0.0f, spare) / std::max(1, count);
    }
    if (spec_.back) {
        st.icon = noIcons ? "" : "back";
        if (button(ctx_, "Retour##footer", _("Retour"), ImVec2(x, y), ImVec2(width(needBack), h), st))
            intent = Intent::back();
        x += width(needBack) + gap;
    }
    if (spec_.home) {
        st.icon = noIcons ? "" : "home";
        if (button(ctx_, "Accueil##footer", _("Accueil"), ImVec2(x, y), ImVec2(width(needHome), h), st))
            intent = Intent::home();
        x += width(needHome) + gap;
    }
    if (spec_.help) {
        st.icon = noIcons ? "" : "help";
        if (button(ctx_, "Aide##footer", _("Aide"), ImVec2(x, y), ImVec2(width(needHelp), h), st))
            intent = Intent::push("help");
        x += width(needHelp) + gap;
    }
    if (spec_.accessibility) {
        float aw = tight ? width(needAccess) : std::max(w, ctx_.px(360));
        aw = std::min(aw, ctx_.width - m - x);
        if (accessibilityButton(ctx_, ImVec2(ctx_.width - m - aw, y), ImVec2(aw, h)))
            intent = Intent::push("accessibility");
    }
    return intent;
}

}  // namespace guichet::ui
