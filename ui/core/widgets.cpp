#include "ui/core/widgets.hpp"

#include <algorithm>
#include <cctype>

#include <imgui_internal.h>

#include "drivers/common/bytes.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/core/icons.hpp"
#include "ui/core/keyboard.hpp"

namespace guichet::ui {

namespace {

struct Interaction {
    bool activated = false;
    bool focused = false;
    bool held = false;
    bool hovered = false;
};

// The one place where a control meets input: ImGui's hit test (so overlays and clipping
// are respected), keypad focus, and the declaration to the accessibility tree.
Interaction interact(UiContext& ctx, const char* id, ImVec2 pos, ImVec2 size, a11y::Node node, bool disabled) {
    Interaction r;
    ImGui::SetCursorScreenPos(pos);
    if (ctx.inert) {
        ImGui::Dummy(size);
        if (!node.value.empty()) secureWipe(node.value);  // may be what a resident typed
        return r;
    }
    bool clicked = ImGui::InvisibleButton(id, size);
    r.hovered = ImGui::IsItemHovered();
    r.held = ImGui::IsItemActive();
    auto fs = ctx.focus.item(id);
    if (fs.justFocused) {  // bring it into view, but do not move what is already fully visible
        ImGuiWindow* w = ImGui::GetCurrentWindow();
        ImRect clip = w->InnerClipRect;
        if (pos.y < clip.Min.y || pos.y + size.y > clip.Max.y) ImGui::SetScrollHereY(0.5f);
    }
    // Explore, then confirm (A14): with speech on, a touch on a control that is not the
    // focused one only focuses it — speech then says what it is; a second touch activates.
    if (clicked && ctx.session.settings().speech && !fs.focused) {
        ctx.focus.setFocus(id, false);
        clicked = false;
    }
    if (clicked && !disabled) ctx.focus.setFocus(id, false);
    r.focused = fs.focused;
    r.activated = !disabled && (clicked || fs.activated);
    node.id = id;
    node.focusable = !disabled || true;  // disabled controls stay reachable so they can be explained
    node.disabled = disabled;
    node.focused = fs.focused;
    node.rect = {pos.x, pos.y, size.x, size.y};
    // Hidden when scrolled out of the body or covered by the footer: taps cannot reach it.
    ImVec2 cmin = ImGui::GetWindowDrawList()->GetClipRectMin(), cmax = ImGui::GetWindowDrawList()->GetClipRectMax();
    float cx = pos.x + size.x * 0.5f, cy = pos.y + size.y * 0.5f;
    node.visible = cx >= cmin.x && cx < cmax.x && cy >= cmin.y && cy < cmax.y;
    ctx.tree.add(std::move(node));
    return r;
}

ImFont* fontOr(ImFont* f, ImFont* fallback) { return f ? f : fallback; }

// Answers to a question (one choice, several choices) carry a radio or check mark.
bool answerMark(const ButtonStyle& st) {
    return st.answer && st.kind == ButtonKind::Chip && (st.role == a11y::Role::Choice || st.role == a11y::Role::Checkbox);
}

// The page's column width (PageScope pushes it), never wider than what is left.
float columnWidth() { return std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x); }

}  // namespace

namespace {
// Whether every word of `text` fits `width` at the smallest scale wordFitScale allows.
bool wordsFit(ImFont* font, float width, std::string_view text) {
    float s = wordFitScale(font, width, text);
    if (s > 0.5f) return true;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
        const char* w = p;
        while (p < end && *p != ' ' && *p != '\n') ++p;
        if (p > w && font->CalcTextSizeA(font->FontSize * 0.5f, FLT_MAX, 0, w, p).x > width) return false;
    }
    return true;
}
}  // namespace

std::vector<BrokenWord>& brokenWordsThisFrame() {
    static std::vector<BrokenWord> words;  // UI thread only
    return words;
}

namespace {
// A byte that belongs to a word: letters, digits, UTF-8 sequences (accented letters).
bool wordByte(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u);
}
}  // namespace

float wordFitScale(ImFont* font, float width, std::string_view text) {
    // A word never breaks inside ("Accessibili/té"): when the longest word is wider than
    // the box, the whole label is drawn smaller (down to 50 %) so it wraps between words.
    float widest = 0;
    const char* s = text.data();
    const char* end = s + text.size();
    while (s < end) {
        while (s < end && (*s == ' ' || *s == '\n')) ++s;
        const char* w = s;
        while (s < end && *s != ' ' && *s != '\n') ++s;
        if (s > w) widest = std::max(widest, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, w, s).x);
    }
    if (widest <= width || widest <= 0) return 1.0f;
    return std::max(0.5f, width / widest * 0.99f);
}

ImVec2 measureWrappedText(ImFont* font, float width, std::string_view text) {
    float size = font->FontSize * wordFitScale(font, width, text);
    ImVec2 s = font->CalcTextSizeA(size, FLT_MAX, width, text.data(), text.data() + text.size());
    return ImVec2(std::min(s.x, width), s.y);
}

float drawWrappedText(ImDrawList* dl, ImFont* font, ImVec2 pos, float width, ImU32 color, std::string_view text,
                      bool center) {
    const char* s = text.data();
    const char* end = s + text.size();
    float y = pos.y;
    float scale = wordFitScale(font, width, text);
    float size = font->FontSize * scale;
    float lineH = size;
    while (s < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(scale, s, end, width);
        if (lineEnd == s) lineEnd = s + 1;  // a word wider than the box: never loop forever
        const char* nl = static_cast<const char*>(memchr(s, '\n', static_cast<std::size_t>(lineEnd - s)));
        if (nl) lineEnd = nl;
        if (lineEnd < end && lineEnd > s && wordByte(lineEnd[-1]) && wordByte(*lineEnd)) {
            // The box is narrower than a word: ImGui cuts it. Recorded for the layout audit.
            const char* w0 = lineEnd;
            while (w0 > text.data() && wordByte(w0[-1])) --w0;
            const char* w1 = lineEnd;
            while (w1 < end && wordByte(*w1)) ++w1;
            brokenWordsThisFrame().push_back({std::string(w0, lineEnd) + "/" + std::string(lineEnd, w1), pos.x, y});
        }
        const char* trimmed = lineEnd;
        while (trimmed > s && (trimmed[-1] == ' ')) --trimmed;
        float w = font->CalcTextSizeA(size, FLT_MAX, 0, s, trimmed).x;
        float x = center ? pos.x + (width - w) * 0.5f : pos.x;
        dl->AddText(font, size, ImVec2(std::floor(x), std::floor(y)), color, s, trimmed);
        y += lineH;
        s = lineEnd;
        if (s < end && (*s == '\n' || *s == ' ')) ++s;
        while (s < end && *s == ' ') ++s;
    }
    return y - pos.y;
}

void drawFocusRing(UiContext& ctx, ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding) {
    // Two tones so the ring shows on any background (A9: ≥ 3:1 against both sides).
    float t = ctx.px(6);
    const auto& p = ctx.colors();
    dl->AddRect(ImVec2(min.x - t * 1.5f, min.y - t * 1.5f), ImVec2(max.x + t * 1.5f, max.y + t * 1.5f),
                col(p.focusOuter), rounding + t, 0, t * 1.6f);
    dl->AddRect(ImVec2(min.x - t * 0.4f, min.y - t * 0.4f), ImVec2(max.x + t * 0.4f, max.y + t * 0.4f),
                col(p.focusInner), rounding + t * 0.3f, 0, t * 0.8f);
}

bool button(UiContext& ctx, const char* id, std::string_view label, ImVec2 pos, ImVec2 size,
            const ButtonStyle& style) {
    const auto& p = ctx.colors();
    a11y::Node node;
    node.role = style.role;
    node.label = std::string(label);
    node.hint = std::string(style.hint);
    node.value = std::string(style.value);
    node.checked = style.checked;
    auto in = interact(ctx, id, pos, size, std::move(node), style.disabled);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    Rgb bg = p.surface, fg = p.surfaceText, border = p.surfaceBorder;
    bool hc = p.name == "high-contrast";
    switch (style.kind) {
        case ButtonKind::Primary: bg = p.primaryBg; fg = p.primaryText; border = p.primaryBg; break;
        case ButtonKind::Accent: bg = p.accentBg; fg = p.accentText; border = p.accentText; break;
        case ButtonKind::Chip:
            if (answerMark(style)) {  // an answer: a pale card, a thick frame when chosen — never the primary look
                bg = style.selected ? p.surface : p.background;
                fg = p.text;
                border = style.selected ? p.primaryBg : p.surfaceBorder;
            } else if (style.selected) { bg = p.selectedBg; fg = p.selectedText; border = p.selectedBg; }
            else { bg = p.background; fg = p.text; border = p.primaryBg; }
            if (hc && !style.selected) border = p.surfaceBorder;
            break;
        case ButtonKind::Quiet: bg = p.background; fg = p.text; border = p.surfaceBorder; break;
        case ButtonKind::Link: bg = p.background; fg = p.primaryBg; border = p.background; break;
        case ButtonKind::Key:
        case ButtonKind::Tile:
        case ButtonKind::Secondary: break;
    }
    bool mark = answerMark(style);
    float rounding = (style.kind == ButtonKind::Chip && !mark) || style.kind == ButtonKind::Accent ? size.y * 0.5f : ctx.px(14);
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImVec2 min = pos;
    if (in.held) {  // pressed: sink a little so the touch is acknowledged at once
        min.y += ctx.px(3);
        max.y += ctx.px(3);
    }
    if (style.kind == ButtonKind::Tile && !hc)  // a soft shadow like a card (only the visible strip)
        dl->AddRectFilled(ImVec2(min.x, max.y - rounding), ImVec2(max.x, max.y + ctx.px(5)), col(p.surfaceBorder, 90),
                          rounding, ImDrawFlags_RoundCornersBottom);
    bool link = style.kind == ButtonKind::Link;
    if (!link) {
        dl->AddRectFilled(min, max, col(bg, style.disabled ? 110 : 255), rounding);
        float borderW = hc ? ctx.px(4) : ctx.px(style.kind == ButtonKind::Tile ? 1.5f : 3);
        if (mark && style.selected) borderW = ctx.px(7);
        dl->AddRect(min, max, col(border), rounding, 0, borderW);
    }
    std::string_view text = style.shown.empty() ? label : style.shown;

    ImFont* font = fontOr(style.font, ctx.fonts.bold);
    float pad = style.kind == ButtonKind::Chip ? ctx.px(22) : ctx.px(28);
    float iconSize = 0;
    if (!style.icon.empty())
        iconSize = style.kind == ButtonKind::Tile ? std::min(size.y * 0.55f, ctx.px(110)) : font->FontSize * 1.2f;
    float textX = min.x + pad + (iconSize > 0 ? iconSize + pad * 0.8f : 0);
    float textW = max.x - pad - textX;
    // A label that cannot fit whole beside its icon (a narrow footer button at 200 %) keeps
    // the words and loses the icon: words are never cut.
    if (iconSize > 0 && style.kind != ButtonKind::Tile && !style.hideLabel &&
        !wordsFit(font, textW, style.shown.empty() ? label : style.shown)) {
        textX = min.x + pad;
        textW = max.x - pad - textX;
        iconSize = 0;
    }
    if (iconSize > 0) {
        // Alone (the label only spoken), the icon is the button's face: centred.
        ImVec2 c(style.hideLabel ? (min.x + max.x) * 0.5f : min.x + pad + iconSize * 0.5f, (min.y + max.y) * 0.5f);
        Rgb iconFg = style.kind == ButtonKind::Tile ? p.icon : fg;
        Rgb iconAlt = style.kind == ButtonKind::Tile ? p.iconAlt : fg;
        drawIcon(dl, style.icon, c, iconSize, col(iconFg), col(iconAlt), col(bg));
    }
    if (mark) {  // a big radio button (one answer) or check box (several): empty, or filled and ticked
        float r = std::max(font->FontSize * 0.62f, ctx.px(26));
        ImVec2 c(textX + r, (min.y + max.y) * 0.5f);
        ImU32 ink = col(hc ? p.text : p.primaryBg);
        bool box = style.role == a11y::Role::Checkbox;
        if (box) {
            ImVec2 a(c.x - r, c.y - r), b(c.x + r, c.y + r);
            dl->AddRectFilled(a, b, col(style.selected ? (hc ? p.text : p.primaryBg) : p.background), ctx.px(6));
            dl->AddRect(a, b, ink, ctx.px(6), 0, ctx.px(4));
            if (style.selected) drawIcon(dl, "check", c, r * 1.5f, col(p.background), col(p.background), ink);
        } else {
            dl->AddCircleFilled(c, r, col(p.background), 40);
            dl->AddCircle(c, r, ink, 40, ctx.px(4));
            if (style.selected) dl->AddCircleFilled(c, r * 0.55f, ink, 40);
        }
        textX += 2 * r + ctx.px(24);
        textW -= 2 * r + ctx.px(24);
    } else if (style.selected && style.kind == ButtonKind::Chip) {  // colour is never the only cue
        float ck = font->FontSize * 0.7f;
        drawIcon(dl, "check", ImVec2(textX + ck * 0.5f, (min.y + max.y) * 0.5f), ck, col(fg), col(fg), col(bg));
        textX += ck + ctx.px(8);
        textW -= ck + ctx.px(8);
    }
    bool center = style.icon.empty() && style.kind != ButtonKind::Tile && !mark;  // an answer reads from its mark
    if (!style.hideLabel) {
        ImVec2 ts = measureWrappedText(font, textW, text);
        float ty = (min.y + max.y - ts.y) * 0.5f;
        drawWrappedText(dl, font, ImVec2(textX, ty), textW, col(fg), text, center);
        if (link) {  // a link reads as one: underlined, in the action colour
            float ux0 = center ? textX + (textW - ts.x) * 0.5f : textX;
            dl->AddLine(ImVec2(ux0, ty + ts.y + ctx.px(2)), ImVec2(ux0 + ts.x, ty + ts.y + ctx.px(2)), col(fg), ctx.px(3));
        }
    }
    if (in.focused && ctx.focus.ringVisible()) drawFocusRing(ctx, dl, min, max, rounding);
    return in.activated;
}

bool bigButton(UiContext& ctx, const char* id, std::string_view label, const ButtonStyle& style, float width) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = width > 0 ? width : columnWidth();
    ImFont* font = fontOr(style.font, ctx.fonts.bold);
    float pad = ctx.px(28);
    float iconW = style.icon.empty() ? 0 : font->FontSize * 1.2f + pad * 0.8f;
    if (answerMark(style)) iconW += 2 * std::max(font->FontSize * 0.62f, ctx.px(26)) + ctx.px(24);
    ImVec2 ts = measureWrappedText(font, w - 2 * pad - iconW, label);
    float h = std::max(ctx.px(104), ts.y + 2 * ctx.px(24));
    bool r = button(ctx, id, label, pos, ImVec2(w, h), style);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(20)));
    ImGui::Dummy(ImVec2(1, 0));
    return r;
}

bool toggle(UiContext& ctx, const char* id, std::string_view label, bool& value, std::string_view hint) {
    const auto& p = ctx.colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = columnWidth();
    ImFont* font = ctx.fonts.bold;
    float pad = ctx.px(28);
    std::string_view state = value ? _("Activé") : _("Désactivé");
    float switchW = ctx.px(120) + font->FontSize * 0.5f;
    float stateW = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, _("Désactivé")).x;
    float labelW = w - 3 * pad - switchW - stateW;
    ImVec2 ts = measureWrappedText(font, labelW, label);
    float h = std::max(ctx.px(104), ts.y + 2 * ctx.px(24));
    ButtonStyle st;
    st.role = a11y::Role::Toggle;
    st.checked = value;
    st.value = state;
    st.hint = hint;
    a11y::Node node;
    node.role = a11y::Role::Toggle;
    node.label = std::string(label);
    node.value = std::string(state);
    node.checked = value;
    node.hint = std::string(hint);
    auto in = interact(ctx, id, pos, ImVec2(w, h), std::move(node), false);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + w, pos.y + h);
    float rounding = ctx.px(14);
    dl->AddRectFilled(pos, max, col(p.surface), rounding);
    dl->AddRect(pos, max, col(p.surfaceBorder), rounding, 0, ctx.px(p.name == "high-contrast" ? 4 : 2));
    drawWrappedText(dl, font, ImVec2(pos.x + pad, pos.y + (h - ts.y) * 0.5f), labelW, col(p.surfaceText), label, false);
    // The switch: track + knob, plus the state in words.
    float sh = ctx.px(56);
    ImVec2 smin(max.x - pad - switchW, pos.y + (h - sh) * 0.5f), smax(max.x - pad, pos.y + (h + sh) * 0.5f);
    smax.x = smin.x + ctx.px(110);
    dl->AddRectFilled(smin, smax, col(value ? p.selectedBg : p.background), sh * 0.5f);
    dl->AddRect(smin, smax, col(value ? p.selectedBg : p.surfaceBorder), sh * 0.5f, 0, ctx.px(3));
    float kr = sh * 0.36f;
    ImVec2 kc(value ? smax.x - sh * 0.5f : smin.x + sh * 0.5f, (smin.y + smax.y) * 0.5f);
    dl->AddCircleFilled(kc, kr, col(value ? p.selectedText : p.surfaceBorder), 32);
    if (value) drawIcon(dl, "check", kc, kr * 1.4f, col(p.selectedBg), col(p.selectedBg), col(p.selectedText));
    float stateX = smin.x - pad * 0.5f - stateW;
    dl->AddText(font, font->FontSize, ImVec2(stateX, pos.y + (h - font->FontSize) * 0.5f), col(p.surfaceText),
                state.data(), state.data() + state.size());
    if (in.focused && ctx.focus.ringVisible()) drawFocusRing(ctx, dl, pos, max, rounding);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(20)));
    ImGui::Dummy(ImVec2(1, 0));
    if (in.activated) value = !value;
    return in.activated;
}

void textField(UiContext& ctx, const char* id, std::string_view label, std::string& buffer, FieldKind kind,
               std::string_view hint, std::size_t maxLength, const FieldExtras& extras) {
    const auto& p = ctx.colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = columnWidth();
    ImFont* lf = ctx.fonts.bold;
    ImFont* vf = ctx.fonts.body;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float labelH = drawWrappedText(dl, lf, pos, w, col(p.text), label, false);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + labelH + ctx.px(6)));
    if (!extras.example.empty()) {
        // An example inside the box looks like an answer already given: it sits under the label.
        std::string ex = std::string(_("Exemple : ")) + std::string(extras.example);
        paragraph(ctx, ex, true);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y - ctx.px(10)));
    }
    bool invalid = !extras.error.empty();
    if (invalid) fieldError(ctx, id, extras.error);
    ImVec2 boxMin(pos.x, ImGui::GetCursorScreenPos().y + ctx.px(4));
    float boxH = std::max(ctx.px(96), vf->FontSize + ctx.px(40));
    a11y::Node node;
    node.role = a11y::Role::TextField;
    node.label = std::string(label);
    if (!ctx.inert) node.value = buffer;  // behind an overlay nothing is declared: no copy
    node.hint = hint.empty() ? std::string(_("Touchez pour écrire")) : std::string(hint);
    node.masked = kind == FieldKind::Secret;
    node.personal = true;
    auto in = interact(ctx, id, boxMin, ImVec2(w, boxH), std::move(node), false);
    ImVec2 boxMax(boxMin.x + w, boxMin.y + boxH);
    float rounding = ctx.px(10);
    dl->AddRectFilled(boxMin, boxMax, col(p.name == "high-contrast" ? p.background : hex(0xFFFFFF)), rounding);
    Rgb edge = invalid ? p.alertText : (p.name == "high-contrast" ? p.surfaceBorder : p.text);
    dl->AddRect(boxMin, boxMax, col(edge), rounding, 0, ctx.px(invalid ? 6 : 3));
    float pad = ctx.px(22);
    ImVec2 tpos(boxMin.x + pad, boxMin.y + (boxH - vf->FontSize) * 0.5f);
    if (buffer.empty()) {
        // Empty means empty: no grey text that could pass for an answer already given.
    } else if (kind == FieldKind::Secret) {
        for (std::size_t i = 0; i < buffer.size(); ++i)
            dl->AddCircleFilled(ImVec2(tpos.x + vf->FontSize * (0.4f + 0.8f * i), tpos.y + vf->FontSize * 0.55f),
                                vf->FontSize * 0.2f, col(p.text), 16);
    } else {
        std::string shown = extras.display ? extras.display(buffer) : std::string();
        std::string_view text = extras.display ? std::string_view(shown) : std::string_view(buffer);
        dl->PushClipRect(boxMin, boxMax, true);
        dl->AddText(vf, vf->FontSize, tpos, col(p.text), text.data(), text.data() + text.size());
        dl->PopClipRect();
        if (!shown.empty()) secureWipe(shown);
    }
    if (in.focused && ctx.focus.ringVisible()) drawFocusRing(ctx, dl, boxMin, boxMax, rounding);
    if (in.activated) ctx.keyboard.open(id, label, buffer, kind, maxLength);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, boxMax.y + ctx.px(28)));
    ImGui::Dummy(ImVec2(1, 0));
}

void fieldError(UiContext& ctx, const std::string& fieldId, std::string_view message, bool notEligible) {
    const auto& p = ctx.colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = std::min(columnWidth(), ctx.px(1300) * std::max(1.0f, ctx.fonts.textScale));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = notEligible ? ctx.fonts.body : ctx.fonts.bold;
    float icon = f->FontSize * 1.1f;
    float bar = ctx.px(8), gap = ctx.px(18);
    float textX = pos.x + bar + gap + icon + gap;
    float textW = w - (textX - pos.x);
    float h = std::max(icon, measureWrappedText(f, textW, message).y);
    Rgb ink = notEligible ? p.text : p.alertText;
    dl->AddRectFilled(pos, ImVec2(pos.x + bar, pos.y + h), col(notEligible ? p.primaryBg : p.alertText));
    drawIcon(dl, notEligible ? "info" : "alert", ImVec2(pos.x + bar + gap + icon * 0.5f, pos.y + icon * 0.5f), icon,
             col(ink), col(ink), col(p.background));
    drawWrappedText(dl, f, ImVec2(textX, pos.y), textW, col(ink), message, false);
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "error:" + fieldId;
        n.role = a11y::Role::Alert;
        n.label = std::string(message);
        n.rect = {pos.x, pos.y, w, h};
        ctx.tree.add(std::move(n));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(16)));
    ImGui::Dummy(ImVec2(1, 0));
}

void errorSummary(UiContext& ctx, const std::vector<std::string>& questions) {
    if (questions.empty()) return;
    const auto& p = ctx.colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = columnWidth();
    float pad = ctx.px(24);
    std::string title = questions.size() == 1 ? std::string(_("Une réponse est à corriger"))
                                              : std::string(_("Des réponses sont à corriger"));
    std::string list;
    // One line, the questions named one after the other: the summary must not push the
    // questions themselves off the page.
    for (const auto& q : questions) list += (list.empty() ? "" : " · ") + q;
    ImFont* hf = ctx.fonts.bold;
    float icon = hf->FontSize * 1.2f;
    float textX = pos.x + pad + icon + pad * 0.7f, textW = w - (textX - pos.x) - pad;
    float th = measureWrappedText(hf, textW, title).y;
    float lh = measureWrappedText(ctx.fonts.body, textW, list).y;
    float h = pad + std::max(icon, th) + ctx.px(8) + lh + pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + w, pos.y + h);
    dl->AddRectFilled(pos, max, col(p.alertBg), ctx.px(10));
    dl->AddRect(pos, max, col(p.alertText), ctx.px(10), 0, ctx.px(6));
    drawIcon(dl, "alert", ImVec2(pos.x + pad + icon * 0.5f, pos.y + pad + icon * 0.5f), icon, col(p.alertText),
             col(p.alertText), col(p.alertBg));
    drawWrappedText(dl, hf, ImVec2(textX, pos.y + pad), textW, col(p.alertText), title, false);
    drawWrappedText(dl, ctx.fonts.body, ImVec2(textX, pos.y + pad + std::max(icon, th) + ctx.px(8)), textW,
                    col(p.text), list, false);
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "error-summary";
        n.role = a11y::Role::Alert;
        n.label = title;
        n.value = list;
        n.rect = {pos.x, pos.y, w, h};
        ctx.tree.add(std::move(n));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y + ctx.px(28)));
    ImGui::Dummy(ImVec2(1, 0));
}

void referenceBox(UiContext& ctx, const char* id, std::string_view caption, std::string_view reference,
                  std::string_view spoken) {
    const auto& p = ctx.colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = columnWidth();
    ImFont* cf = ctx.fonts.bold;
    ImFont* rf = ctx.fonts.title;
    // 1.6 × the title: about 14 mm capitals on a 24" screen, readable from a metre (A8).
    float size = rf->FontSize * 1.6f;
    float refW = rf->CalcTextSizeA(size, FLT_MAX, 0, reference.data(), reference.data() + reference.size()).x;
    if (refW > w - ctx.px(80)) {  // never wider than the column
        size *= (w - ctx.px(80)) / refW;
        refW = w - ctx.px(80);
    }
    float pad = ctx.px(32);
    float capH = measureWrappedText(cf, w - 2 * pad, caption).y;
    float boxW = std::min(w, std::max(refW, cf->CalcTextSizeA(cf->FontSize, FLT_MAX, 0, caption.data(),
                                                                caption.data() + caption.size()).x) + 2 * pad + ctx.px(40));
    float boxH = pad + capH + ctx.px(12) + size + pad;
    ImVec2 min(pos.x + (w - boxW) * 0.5f, pos.y), max(min.x + boxW, min.y + boxH);
    a11y::Node node;
    node.role = a11y::Role::Text;
    node.label = spoken.empty() ? std::string(caption) + " : " + std::string(reference) : std::string(spoken);
    auto in = interact(ctx, id, min, ImVec2(boxW, boxH), std::move(node), false);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool hc = p.name == "high-contrast";
    dl->AddRectFilled(min, max, col(hc ? p.background : hex(0xFFFFFF)), ctx.px(14));
    dl->AddRect(min, max, col(hc ? p.text : p.primaryBg), ctx.px(14), 0, ctx.px(6));
    drawWrappedText(dl, cf, ImVec2(min.x + pad, min.y + pad), boxW - 2 * pad, col(p.text), caption, true);
    dl->AddText(rf, size, ImVec2(std::floor(min.x + (boxW - refW) * 0.5f), std::floor(min.y + pad + capH + ctx.px(12))),
                col(p.text), reference.data(), reference.data() + reference.size());
    if (in.focused && ctx.focus.ringVisible()) drawFocusRing(ctx, dl, min, max, ctx.px(14));
    ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y + ctx.px(28)));
    ImGui::Dummy(ImVec2(1, 0));
}

void statusLine(UiContext& ctx, std::string_view text, std::string_view icon) {
    const auto& p = ctx.colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = columnWidth();
    ImFont* f = ctx.fonts.bold;
    float iconS = icon.empty() ? 0 : f->FontSize * 1.2f;
    float x = pos.x + (iconS > 0 ? iconS + ctx.px(20) : 0);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (iconS > 0) drawIcon(dl, icon, ImVec2(pos.x + iconS * 0.5f, pos.y + iconS * 0.5f), iconS, col(p.text), col(p.text),
                            col(p.background));
    float h = std::max(iconS, drawWrappedText(dl, f, ImVec2(x, pos.y), w - (x - pos.x), col(p.text), text, false));
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "status";
        n.role = a11y::Role::Text;
        n.label = std::string(text);
        n.rect = {pos.x, pos.y, w, h};
        ctx.tree.add(std::move(n));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(24)));
    ImGui::Dummy(ImVec2(1, 0));
}

void heading(UiContext& ctx, std::string_view text) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = columnWidth();
    float h = drawWrappedText(ImGui::GetWindowDrawList(), ctx.fonts.heading, pos, w, col(ctx.colors().text), text, false);
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "heading:" + std::string(text);
        n.role = a11y::Role::Heading;
        n.label = std::string(text);
        n.rect = {pos.x, pos.y, w, h};
        ctx.tree.add(std::move(n));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(20)));
    ImGui::Dummy(ImVec2(1, 0));
}

void paragraph(UiContext& ctx, std::string_view text, bool muted) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = std::min(columnWidth(), ctx.px(1300) * std::max(1.0f, ctx.fonts.textScale));  // ~70 characters a line
    const auto& p = ctx.colors();
    float h = drawWrappedText(ImGui::GetWindowDrawList(), ctx.fonts.body, pos, w, col(muted ? p.textMuted : p.text),
                              text, false);
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "text";
        n.role = a11y::Role::Text;
        n.label = std::string(text);
        n.rect = {pos.x, pos.y, w, h};
        ctx.tree.add(std::move(n));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(16)));
    ImGui::Dummy(ImVec2(1, 0));
}

void spacing(UiContext& ctx, float designPixels) { ImGui::Dummy(ImVec2(1, ctx.px(designPixels))); }

}  // namespace guichet::ui
