#include "ui/core/keyboard.hpp"

#include <array>
#include <cctype>

#include "drivers/common/bytes.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/core/icons.hpp"

namespace guichet::ui {

void secureReserve(std::string& s, std::size_t capacity) {
    if (s.capacity() >= capacity) return;
    std::string bigger;
    bigger.reserve(capacity);
    bigger.assign(s);
    secureWipe(s);
    s.swap(bigger);
}

std::size_t utf8Length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

void OnScreenKeyboard::open(std::string_view fieldId, std::string_view label, std::string& buffer, FieldKind kind,
                            std::size_t maxLength) {
    buffer_ = &buffer;
    fieldId_ = std::string(fieldId);
    label_ = std::string(label);
    kind_ = kind;
    maxLength_ = maxLength;
    shift_ = false;
    secureReserve(buffer, maxLength * 4 + 1);  // typing never reallocates: no stray copies
}

void OnScreenKeyboard::close() {
    buffer_ = nullptr;
    fieldId_.clear();
    label_.clear();
}

void OnScreenKeyboard::insert(std::string_view utf8) {
    if (!buffer_ || utf8.empty()) return;
    bool numeric = kind_ == FieldKind::Number || kind_ == FieldKind::Phone || kind_ == FieldKind::Secret;
    if (kind_ == FieldKind::Amount) {  // euros: digits and one decimal comma (a point becomes one)
        if (utf8 == ".") utf8 = ",";
        bool digit = utf8.size() == 1 && std::isdigit(static_cast<unsigned char>(utf8[0]));
        if (!digit && !(utf8 == "," && buffer_->find(',') == std::string::npos)) return;
    }
    if (numeric && !(utf8.size() == 1 && (std::isdigit(static_cast<unsigned char>(utf8[0])) ||
                                          (kind_ == FieldKind::Phone && utf8[0] == ' '))))
        return;  // a numeric field only takes digits
    if (utf8Length(*buffer_) >= maxLength_) return;
    if (buffer_->size() + utf8.size() > buffer_->capacity()) return;  // never reallocate
    buffer_->append(utf8);
}

void OnScreenKeyboard::typeText(std::string_view utf8) {
    // One code point at a time so that the numeric filter and the length limit apply.
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t len = 1;
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0xF0) len = 4;
        else if (c >= 0xE0) len = 3;
        else if (c >= 0xC0) len = 2;
        insert(utf8.substr(i, len));
        i += len;
    }
}

void OnScreenKeyboard::erase() {
    if (!buffer_ || buffer_->empty()) return;
    std::size_t n = buffer_->size();
    do { --n; } while (n > 0 && ((*buffer_)[n] & 0xC0) == 0x80);
    secureWipe(buffer_->data() + n, buffer_->size() - n);
    buffer_->resize(n);
}

bool OnScreenKeyboard::handleKey(Key key) {
    if (!buffer_) return false;
    int d = digitOf(key);
    if (d >= 0) {
        char c[2] = {static_cast<char>('0' + d), 0};
        insert(c);
        return true;
    }
    if (key == Key::Delete) { erase(); return true; }
    if (key == Key::Space) { insert(" "); return true; }
    if (key == Key::Back) { close(); return true; }
    return false;
}

namespace {
const std::array<const char*, 10> kDigits = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
const std::array<const char*, 10> kRow1 = {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p"};
const std::array<const char*, 10> kRow2 = {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m"};
const std::array<const char*, 10> kRow3 = {"w", "x", "c", "v", "b", "n", "'", "-", ".", "@"};
const std::array<const char*, 10> kAccents = {"é", "è", "ê", "à", "ç", "ù", "ô", "î", "ï", "œ"};
const std::array<const char*, 10> kAccentsUpper = {"É", "È", "Ê", "À", "Ç", "Ù", "Ô", "Î", "Ï", "Œ"};

std::string upper(const char* s) {
    std::string r = s;
    if (r.size() == 1 && r[0] >= 'a' && r[0] <= 'z') r[0] = static_cast<char>(r[0] - 'a' + 'A');
    return r;
}
}  // namespace

bool OnScreenKeyboard::draw(UiContext& ctx) {
    if (!buffer_) return false;
    const auto& p = ctx.colors();
    bool numeric = kind_ != FieldKind::Text;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float W = ctx.width, H = ctx.height;
    float gap = ctx.px(12);
    float keyH = std::max(ctx.px(96), ctx.fonts.bold->FontSize + ctx.px(36));
    int rows = kind_ == FieldKind::Amount ? 5 : numeric ? 4 : 6;
    float panelW = std::min(W - 2 * ctx.px(24), numeric ? ctx.px(760) : ctx.px(1500));
    float labelH = measureWrappedText(ctx.fonts.bold, panelW, label_).y;
    float fieldH = ctx.px(8) + labelH + ctx.px(10) + ctx.fonts.body->FontSize + ctx.px(36) + ctx.px(24);
    float panelH = fieldH + rows * (keyH + gap) - gap + ctx.px(8);
    ImVec2 pmin((W - panelW) * 0.5f, H - panelH - ctx.px(16));
    ImVec2 pmax(pmin.x + panelW, H - ctx.px(16));
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), col(p.scrim, 150));
    dl->AddRectFilled(ImVec2(pmin.x - ctx.px(16), pmin.y - ctx.px(16)), ImVec2(pmax.x + ctx.px(16), pmax.y + ctx.px(16)),
                      col(p.background), ctx.px(20));
    dl->AddRect(ImVec2(pmin.x - ctx.px(16), pmin.y - ctx.px(16)), ImVec2(pmax.x + ctx.px(16), pmax.y + ctx.px(16)),
                col(p.surfaceBorder), ctx.px(20), 0, ctx.px(3));

    // The field being edited, with its value and a caret.
    float y = pmin.y + ctx.px(8);
    y += drawWrappedText(dl, ctx.fonts.bold, ImVec2(pmin.x, y), panelW, col(p.text), label_, false) + ctx.px(10);
    float boxH = ctx.fonts.body->FontSize + ctx.px(36);
    ImVec2 bmin(pmin.x, y), bmax(pmax.x, y + boxH);
    dl->AddRectFilled(bmin, bmax, col(p.background), ctx.px(8));
    dl->AddRect(bmin, bmax, col(p.text), ctx.px(8), 0, ctx.px(3));
    ImFont* vf = ctx.fonts.body;
    ImVec2 tpos(bmin.x + ctx.px(18), bmin.y + ctx.px(18));
    float tw = 0;
    if (kind_ == FieldKind::Secret) {
        for (std::size_t i = 0; i < buffer_->size(); ++i)
            dl->AddCircleFilled(ImVec2(tpos.x + vf->FontSize * (0.4f + 0.8f * i), tpos.y + vf->FontSize * 0.55f),
                                vf->FontSize * 0.2f, col(p.text), 16);
        tw = vf->FontSize * 0.8f * buffer_->size();
    } else {
        dl->PushClipRect(bmin, bmax, true);
        dl->AddText(vf, vf->FontSize, tpos, col(p.text), buffer_->data(), buffer_->data() + buffer_->size());
        dl->PopClipRect();
        tw = vf->CalcTextSizeA(vf->FontSize, FLT_MAX, 0, buffer_->data(), buffer_->data() + buffer_->size()).x;
    }
    dl->AddRectFilled(ImVec2(tpos.x + tw + ctx.px(3), tpos.y), ImVec2(tpos.x + tw + ctx.px(7), tpos.y + vf->FontSize),
                      col(p.text));
    if (!ctx.inert) {
        a11y::Node n;
        n.id = "keyboard:field";
        n.role = a11y::Role::TextField;
        n.label = label_;
        n.value = *buffer_;
        n.masked = kind_ == FieldKind::Secret;
        n.personal = true;
        n.rect = {bmin.x, bmin.y, bmax.x - bmin.x, bmax.y - bmin.y};
        ctx.tree.add(std::move(n));
    }
    y = bmax.y + ctx.px(24);

    bool done = false;
    ButtonStyle keyStyle;
    keyStyle.kind = ButtonKind::Key;
    keyStyle.role = a11y::Role::Key;
    auto keyRow = [&](const auto& keys, float rowY, int columns, float x0, float width) {
        float kw = (width - gap * (columns - 1)) / columns;
        for (int i = 0; i < static_cast<int>(keys.size()); ++i) {
            std::string label = shift_ ? upper(keys[i]) : std::string(keys[i]);
            std::string id = "key:" + label;
            if (button(ctx, id.c_str(), label, ImVec2(x0 + i * (kw + gap), rowY), ImVec2(kw, keyH), keyStyle)) {
                insert(label);
                if (shift_) shift_ = false;
            }
        }
    };
    ButtonStyle special = keyStyle;
    special.font = ctx.fonts.body;
    ButtonStyle primary = special;
    primary.kind = ButtonKind::Primary;
    if (numeric) {
        float kw = (panelW - 2 * gap) / 3;
        for (int r = 0; r < 3; ++r) {
            std::array<const char*, 3> row = {kDigits[r * 3], kDigits[r * 3 + 1], kDigits[r * 3 + 2]};
            keyRow(row, y + r * (keyH + gap), 3, pmin.x, panelW);
        }
        float ry = y + 3 * (keyH + gap);
        if (button(ctx, "key:delete", _("Effacer"), ImVec2(pmin.x, ry), ImVec2(kw, keyH), special)) erase();
        std::array<const char*, 1> zero = {"0"};
        keyRow(zero, ry, 1, pmin.x + kw + gap, kw);
        if (kind_ == FieldKind::Amount) {  // "42,50": the comma where the pad has room, Valider below
            std::array<const char*, 1> comma = {","};
            keyRow(comma, ry, 1, pmin.x + 2 * (kw + gap), kw);
            if (button(ctx, "key:enter", _("Valider"), ImVec2(pmin.x, ry + keyH + gap), ImVec2(panelW, keyH), primary))
                done = true;
        } else if (button(ctx, "key:enter", _("Valider"), ImVec2(pmin.x + 2 * (kw + gap), ry), ImVec2(kw, keyH), primary))
            done = true;
    } else {
        keyRow(kDigits, y, 10, pmin.x, panelW);
        keyRow(kRow1, y + (keyH + gap), 10, pmin.x, panelW);
        keyRow(kRow2, y + 2 * (keyH + gap), 10, pmin.x, panelW);
        keyRow(kRow3, y + 3 * (keyH + gap), 10, pmin.x, panelW);
        keyRow(shift_ ? kAccentsUpper : kAccents, y + 4 * (keyH + gap), 10, pmin.x, panelW);
        float ry = y + 5 * (keyH + gap);
        // Majuscule, the comma (a resident's comment needs it; the letter rows are full),
        // Espace, Effacer, Valider: ten units and four gaps.
        float unitW = (panelW - gap * 4) / 10;
        ButtonStyle shiftStyle = special;
        shiftStyle.selected = shift_;
        shiftStyle.kind = shift_ ? ButtonKind::Chip : ButtonKind::Key;
        shiftStyle.role = a11y::Role::Toggle;
        shiftStyle.checked = shift_;
        if (button(ctx, "key:shift", _("Majuscule"), ImVec2(pmin.x, ry), ImVec2(unitW * 2, keyH), shiftStyle))
            shift_ = !shift_;
        if (button(ctx, "key:,", ",", ImVec2(pmin.x + unitW * 2 + gap, ry), ImVec2(unitW, keyH), keyStyle)) insert(",");
        if (button(ctx, "key:space", _("Espace"), ImVec2(pmin.x + unitW * 3 + 2 * gap, ry), ImVec2(unitW * 3, keyH), special))
            insert(" ");
        if (button(ctx, "key:delete", _("Effacer"), ImVec2(pmin.x + unitW * 6 + 3 * gap, ry), ImVec2(unitW * 2, keyH),
                   special))
            erase();
        if (button(ctx, "key:enter", _("Valider"), ImVec2(pmin.x + unitW * 8 + 4 * gap, ry), ImVec2(unitW * 2, keyH),
                   primary))
            done = true;
    }
    if (done) close();
    return done;
}

}  // namespace guichet::ui
