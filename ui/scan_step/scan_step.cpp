#include "ui/scan_step/scan_step.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "drivers/common/log.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/scan/scanned_document.hpp"
#include "ui/core/icons.hpp"
#include "ui/core/textures.hpp"
#include "ui/core/widgets.hpp"
#include "ui/wizard/document_step_hook.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::scan_step {
namespace {

using procedures::Field;
using procedures::WizardSession;

// One document field's pages while its session lasts. `generation` changes on every wipe
// so that a scan finishing after a wipe is recognised and dropped.
// A page's thumbnail as a renderer texture (the picture is personal data: the texture is
// destroyed as soon as the page goes, and the decoded pixels right after the upload).
struct Thumbnail {
    const std::uint8_t* page = nullptr;  // which page (its JPEG buffer) it shows…
    std::uint64_t fingerprint = 0;       // …and a digest of it: a reused buffer is another page
    ImTextureID texture = nullptr;
    int width = 0, height = 0;
};

// A page's frame: portrait, A4-ish; the fresh scan's is the largest one drawn.
constexpr float kFrameAspect = 0.75f;
constexpr float kFreshScanFrameHeight = 360.f;

struct FieldScan {
    scan::ScannedDocument document;
    bool scanning = false;
    float progress = 0.f;
    std::string error;  // for the resident, shown until the next scan
    std::vector<Thumbnail> thumbnails;
    ~FieldScan() { dropThumbnails(); }
    void dropThumbnails() {
        for (auto& t : thumbnails) destroyTexture(t.texture);
        thumbnails.clear();
    }
};

struct StepState {
    scan::AttachmentPolicy policy;
    const WizardSession* session = nullptr;
    unsigned generation = 0;
    std::map<std::string, std::unique_ptr<FieldScan>> fields;
};

StepState& state() {
    static StepState s;
    return s;
}

FieldScan& fieldScan(const WizardSession& session, const std::string& fieldId) {
    auto& st = state();
    if (st.session != &session) {  // another resident: nothing of the previous one remains
        wipeAll();
        st.session = &session;
    }
    auto& slot = st.fields[fieldId];
    if (!slot) slot = std::make_unique<FieldScan>();
    return *slot;
}

void wipePages(std::vector<ScannedPage>& pages) {
    for (auto& p : pages) p.wipe();
    pages.clear();
}

// The kept pages become the field's one attachment (or no answer when none is left).
void commit(WizardSession& session, const Field& field, FieldScan& fs) {
    if (fs.document.pageCount() == 0) {
        session.attachDocument(field.id, Attachment{}, 0);
        return;
    }
    auto policy = state().policy;
    policy.baseName = field.id;
    auto attachment = fs.document.toAttachment(policy);
    if (!attachment) {
        log::warning("scan", "attachment: " + attachment.error().message);  // no page content logged
        fs.error = attachment.error().code == ErrorCode::NoSpace
                       ? _("Le document est trop volumineux. Supprimez une page ou recommencez.")
                       : _("Le document n'a pas pu être préparé. Recommencez la numérisation.");
        session.attachDocument(field.id, Attachment{}, 0);
        return;
    }
    session.attachDocument(field.id, std::move(*attachment), static_cast<int>(fs.document.pageCount()));
}

void startScan(UiContext& ctx, const WizardSession& session, const std::string& fieldId, FieldScan& fs) {
    fs.scanning = true;
    fs.progress = 0.f;
    fs.error.clear();
    const unsigned generation = state().generation;
    const WizardSession* owner = &session;
    auto stillOurs = [owner, fieldId, generation]() -> FieldScan* {
        auto& st = state();
        if (st.generation != generation || st.session != owner) return nullptr;
        auto it = st.fields.find(fieldId);
        return it == st.fields.end() ? nullptr : it->second.get();
    };
    // The preview fits the largest frame the step draws (the fresh scan's, drawThumbnails);
    // smaller frames scale the same texture down.
    ScanRequest request;
    request.previewHeight = static_cast<int>(ctx.px(kFreshScanFrameHeight));
    request.previewWidth = static_cast<int>(ctx.px(kFreshScanFrameHeight) * kFrameAspect);
    ctx.services.scanner->scan(
        request,
        [stillOurs](float p) {
            if (FieldScan* f = stillOurs()) f->progress = p;
        },
        [stillOurs](Result<std::vector<ScannedPage>> r) {
            FieldScan* f = stillOurs();
            if (!f) {  // the session ended meanwhile: the pages are not kept anywhere
                if (r) wipePages(r.value());
                return;
            }
            f->scanning = false;
            if (!r) {
                f->error = _("La numérisation n'a pas abouti. Vérifiez le document et réessayez.");
                return;
            }
            if (r.value().empty()) {
                f->error = _("Aucune page n'a été numérisée. Placez le document et réessayez.");
                return;
            }
            f->document.setPending(std::move(r.value()));
        });
}

std::string pageLine(std::size_t index, const ScannedPage& page);

std::uint64_t fingerprint(const ScannedPage& page) {
    std::uint64_t h = 1469598103934665603ull ^ page.jpeg.size();  // FNV-1a over both ends
    std::size_t n = page.jpeg.size(), k = std::min<std::size_t>(n, 256);
    for (std::size_t i = 0; i < k; ++i) h = (h ^ page.jpeg[i]) * 1099511628211ull;
    for (std::size_t i = n - k; i < n; ++i) h = (h ^ page.jpeg[i]) * 1099511628211ull;
    return h;
}

bool shows(const Thumbnail& t, const ScannedPage& page) {
    return t.page == page.jpeg.data() && t.fingerprint == fingerprint(page);
}

// The thumbnail of `page`: its preview (decoded by the scanner's thread, see
// previewBox) uploaded on first need. Null without a renderer or a preview.
const Thumbnail* thumbnailOf(FieldScan& fs, const ScannedPage& page) {
    for (auto& t : fs.thumbnails)
        if (shows(t, page)) return t.texture ? &t : nullptr;
    Thumbnail t;
    t.page = page.jpeg.data();
    t.fingerprint = fingerprint(page);
    const PagePreview& preview = page.preview;
    if (preview.width > 0 && preview.height > 0 &&
        preview.rgba.size() == static_cast<std::size_t>(preview.width) * preview.height * 4) {
        t.texture = createTexture(preview.width, preview.height, preview.rgba.data());
        t.width = preview.width;
        t.height = preview.height;
    }
    fs.thumbnails.push_back(t);  // a missing preview is remembered: not looked at every frame
    return t.texture ? &fs.thumbnails.back() : nullptr;
}

// Forgets the thumbnails of pages that are no longer pending nor kept.
void pruneThumbnails(FieldScan& fs) {
    auto alive = [&](const Thumbnail& t) {
        for (const auto& pg : fs.document.pending())
            if (shows(t, pg)) return true;
        for (const auto& pg : fs.document.pages())
            if (shows(t, pg)) return true;
        return false;
    };
    for (auto it = fs.thumbnails.begin(); it != fs.thumbnails.end();) {
        if (alive(*it)) { ++it; continue; }
        destroyTexture(it->texture);
        it = fs.thumbnails.erase(it);
    }
}

// The width a thumbnail takes in its row: its frame, or its caption ("Page 12") when wider
// (at 200 % the captions of small frames ran into each other: "Page 1Page 2").
float thumbnailSlotWidth(UiContext& ctx, float frameH) {
    ImFont* f = ctx.fonts.body;
    const std::string widest = std::string(_("Page")) + " 00";
    return std::max(frameH * kFrameAspect, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, widest.c_str()).x + ctx.px(8));
}

// A row of thumbnails, each framed, with its page number under it; the description in
// words for speech (and when no picture can be made).
// `only`: that page alone (a column per page), numbered as in the document.
void drawThumbnails(UiContext& ctx, FieldScan& fs, const std::vector<ScannedPage>& pages, float maxH, float width = 0,
                    std::optional<std::size_t> only = std::nullopt) {
    if (pages.empty() || (only && *only >= pages.size())) return;
    const auto& p = ctx.colors();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float colW = width > 0 ? width : std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
    float gap = ctx.px(24);
    float boxH = maxH, boxW = maxH * kFrameAspect;
    const float slotW = thumbnailSlotWidth(ctx, maxH);
    int perRow = std::max(1, static_cast<int>((colW + gap) / (slotW + gap)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ctx.fonts.body;
    float rowH = boxH + ctx.px(10) + f->FontSize;
    const std::size_t first = only ? *only : 0, end = only ? *only + 1 : pages.size();
    for (std::size_t i = first; i < end; ++i) {
        int c = static_cast<int>((i - first) % perRow), r = static_cast<int>((i - first) / perRow);
        ImVec2 a(origin.x + c * (slotW + gap) + (slotW - boxW) * 0.5f, origin.y + r * (rowH + gap));
        ImVec2 b(a.x + boxW, a.y + boxH);
        dl->AddRectFilled(a, b, col(hex(0xFFFFFF)), ctx.px(6));
        const Thumbnail* t = ctx.inert ? nullptr : thumbnailOf(fs, pages[i]);
        if (ctx.inert) {  // measuring: no upload; find what exists
            for (auto& th : fs.thumbnails)
                if (th.texture && shows(th, pages[i])) t = &th;
        }
        if (t) {
            float s = std::min(boxW / t->width, boxH / t->height);
            ImVec2 size(t->width * s, t->height * s);
            ImVec2 ia(a.x + (boxW - size.x) * 0.5f, a.y + (boxH - size.y) * 0.5f);
            dl->AddImage(t->texture, ia, ImVec2(ia.x + size.x, ia.y + size.y));
        } else {
            drawIcon(dl, "document", ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), boxW * 0.5f, col(p.icon),
                     col(p.iconAlt), col(hex(0xFFFFFF)));
        }
        dl->AddRect(a, b, col(p.surfaceBorder), ctx.px(6), 0, ctx.px(3));
        std::string caption = std::string(_("Page")) + " " + std::to_string(i + 1);
        float tw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, caption.c_str()).x;
        dl->AddText(f, f->FontSize, ImVec2(a.x + (boxW - tw) * 0.5f, b.y + ctx.px(10)), col(p.text), caption.c_str());
        if (!ctx.inert) {
            a11y::Node n;
            n.id = "thumbnail:" + std::to_string(i);
            n.role = a11y::Role::Image;
            n.label = pageLine(i, pages[i]);
            n.rect = {a.x, a.y, boxW, boxH};
            ctx.tree.add(std::move(n));
        }
    }
    int rows = static_cast<int>((end - first + perRow - 1) / perRow);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + rows * rowH + (rows - 1) * gap + ctx.px(24)));
    ImGui::Dummy(ImVec2(1, 0));
}

std::string pageLine(std::size_t index, const ScannedPage& page) {
    return std::string(_("Page")) + " " + std::to_string(index + 1) + " : " + std::to_string(page.widthPx) + " x " +
           std::to_string(page.heightPx) + " px, " + std::to_string((page.jpeg.size() + 1023) / 1024) + " Ko";
}

struct GridButton {
    std::string id, label;
    bool disabled = false;
};

// Buttons in rows, as many a row as their longest label allows on one line (at least one,
// at most three): the same height each, the grid `width` wide.
struct GridLayout {
    int perRow = 1, rows = 1;
    float buttonW = 0, buttonH = 0, gap = 0;
    float height() const { return rows * buttonH + (rows - 1) * gap + gap; }
};

GridLayout gridLayout(UiContext& ctx, const std::vector<GridButton>& buttons, float width) {
    GridLayout g;
    ImFont* font = ctx.fonts.bold;
    const float pad = ctx.px(28);
    g.gap = ctx.px(20);
    float widest = 0;
    for (const auto& b : buttons)
        widest = std::max(widest, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b.label.c_str()).x);
    g.perRow = std::clamp(static_cast<int>((width + g.gap) / (widest + 2 * pad + g.gap)), 1, 3);
    g.perRow = std::max(1, std::min(g.perRow, static_cast<int>(buttons.size())));
    g.buttonW = (width - g.gap * (g.perRow - 1)) / g.perRow;
    g.buttonH = ctx.px(104);
    for (const auto& b : buttons)
        g.buttonH = std::max(g.buttonH, measureWrappedText(font, g.buttonW - 2 * pad, b.label).y + 2 * ctx.px(24));
    g.rows = static_cast<int>((buttons.size() + g.perRow - 1) / g.perRow);
    return g;
}

// Draws the grid; returns the index pressed, or -1.
int buttonGrid(UiContext& ctx, const std::vector<GridButton>& buttons, float width) {
    if (buttons.empty()) return -1;
    const GridLayout g = gridLayout(ctx, buttons, width);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    int pressed = -1;
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        const int c = static_cast<int>(i) % g.perRow, r = static_cast<int>(i) / g.perRow;
        ButtonStyle st;
        st.kind = ButtonKind::Secondary;
        st.disabled = buttons[i].disabled;
        if (button(ctx, buttons[i].id.c_str(), buttons[i].label,
                   ImVec2(origin.x + c * (g.buttonW + g.gap), origin.y + r * (g.buttonH + g.gap)), ImVec2(g.buttonW, g.buttonH),
                   st) &&
            pressed < 0)
            pressed = static_cast<int>(i);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + g.height()));
    ImGui::Dummy(ImVec2(1, 0));
    return pressed;
}

// The height drawThumbnails takes for `count` frames `frameH` high in `width`.
float thumbnailsHeight(UiContext& ctx, std::size_t count, float frameH, float width) {
    const float gap = ctx.px(24), slotW = thumbnailSlotWidth(ctx, frameH);
    const int perRow = std::max(1, static_cast<int>((width + gap) / (slotW + gap)));
    const int rows = static_cast<int>((count + perRow - 1) / perRow);
    return rows * (frameH + ctx.px(10) + ctx.fonts.body->FontSize) + (rows - 1) * gap + ctx.px(24);
}

// The kept pages and what can be done with them: "Supprimer la page n" for each, then
// "Ajouter une page". Two layouts, the lower one wins (a page never scrolls):
//  - the thumbnails in a row, the buttons in a grid beside them (landscape) or under them;
//  - a column per page: its thumbnail, its number, "Supprimer" under it (spoken "Supprimer
//    la page n"), then "Ajouter une page" (portrait at 200 %: a grid of one button a row
//    made three pages taller than the screen).
// Returns the index of the page to remove, pageCount() for "Ajouter une page", or -1.
// The height a scan block may take from `top`: on a page cut into parts, what one part holds
// under the question's title lines (an allowance of three: the step's instruction, the title,
// the kind of document) while the blocks are measured; when drawn, no more than what is
// really left of the part, which is less when the titles wrapped. Drawn never taller than
// measured, so the pagination holds; FLT_MAX on a page that is not cut.
float roomFrom(UiContext& ctx, float top) {
    const float titles = 3 * (ctx.fonts.body->FontSize * 1.4f + ctx.px(20));
    float room = ctx.page.partRoom > 0 ? ctx.page.partRoom - titles : FLT_MAX;
    if (ctx.page.partBottom > 0) room = std::min(room, ctx.page.partBottom - top);
    return room;
}

int drawKeptPages(UiContext& ctx, FieldScan& fs, const std::string& fieldId, bool scannerAvailable) {
    const auto& pages = fs.document.pages();
    const std::size_t n = pages.size();
    std::vector<GridButton> buttons;
    for (std::size_t i = 0; i < n; ++i)
        buttons.push_back({fieldId + "##scan-remove-" + std::to_string(i),
                           std::string(_("Supprimer la page")) + " " + std::to_string(i + 1), false});
    buttons.push_back({fieldId + "##scan-add", _("Ajouter une page"), !scannerAvailable});

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float w = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
    // The thumbnails give up height when the part is short (200 % in landscape), down to a
    // picture still worth a look.
    const float room = roomFrom(ctx, origin.y);
    const float captionH = ctx.px(10) + ctx.fonts.body->FontSize + ctx.px(16);
    const float boxH = std::clamp(room - captionH - ctx.px(20), ctx.px(80), ctx.px(170)), gap = ctx.px(24);
    const float thumbsW = std::min<float>(static_cast<float>(n), 3.f) * (thumbnailSlotWidth(ctx, boxH) + gap);
    const bool beside = w - thumbsW >= w * 0.45f;
    const float gridH = beside ? std::max(thumbnailsHeight(ctx, n, boxH, thumbsW), gridLayout(ctx, buttons, w - thumbsW).height())
                               : thumbnailsHeight(ctx, n, boxH, w) + gridLayout(ctx, buttons, w).height();

    // A column per page.
    ImFont* bold = ctx.fonts.bold;
    const float pad = ctx.px(20);
    const std::string removeShown = _("Supprimer");
    const float removeW = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, removeShown.c_str()).x + 2 * pad;
    // Three columns at least when the pages are three or more: "Supprimer" is then drawn a
    // little smaller rather than a row added (a button never breaks a word).
    const float colW = std::max(thumbnailSlotWidth(ctx, boxH), std::min(removeW, (w - 2 * gap) / 3));
    const int perRow = std::max(1, static_cast<int>((w + gap) / (colW + gap)));
    const int rows = static_cast<int>((n + perRow - 1) / perRow);
    const float buttonH = std::max(ctx.px(104), bold->FontSize + ctx.px(48));
    const float thumbBlockH = boxH + ctx.px(10) + ctx.fonts.body->FontSize + ctx.px(16);
    const float rowH = thumbBlockH + buttonH;
    const float columnsH = rows * rowH + (rows - 1) * gap + gap + buttonH + ctx.px(20);

    // One row: each page with its "Supprimer" beside it, then "Ajouter une page". The lowest
    // of the three when the screen is wide: at 200 % in landscape, three pages in the other
    // two were taller than a whole part (the page scrolled, the navigation under the footer).
    // When the words do not fit on the row, each "Supprimer" becomes a square button with a
    // cross, its spoken label unchanged ("Supprimer la page 3"): three pages at 200 %.
    const float rowBoxH = boxH;
    const float slotW = thumbnailSlotWidth(ctx, rowBoxH);
    const std::string addLabel = buttons[n].label;
    const float addW = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, addLabel.c_str()).x + 2 * pad;
    const bool removeInWords = n * (slotW + pad + removeW + gap) + addW <= w;
    const float rowRemoveW = removeInWords ? removeW : buttonH;
    const float cellW = slotW + pad + rowRemoveW;
    const float lineH = std::max(rowBoxH + captionH, buttonH);
    const bool oneRowFits = n * (cellW + gap) + addW <= w;
    const float oneRowH = lineH + ctx.px(20);

    int pressed = -1;
    if (oneRowFits && oneRowH < std::min(gridH, columnsH)) {
        for (std::size_t i = 0; i < n; ++i) {
            const float x = origin.x + i * (cellW + gap);
            ImGui::SetCursorScreenPos(ImVec2(x, origin.y + (lineH - rowBoxH - captionH) * 0.5f));
            drawThumbnails(ctx, fs, pages, rowBoxH, 0, i);
            ButtonStyle st;
            st.kind = ButtonKind::Secondary;
            st.shown = removeShown;
            if (!removeInWords) {
                st.icon = "cross";
                st.hideLabel = true;
            }
            if (button(ctx, buttons[i].id.c_str(), buttons[i].label, ImVec2(x + slotW + pad, origin.y + (lineH - buttonH) * 0.5f),
                       ImVec2(rowRemoveW, buttonH), st) && pressed < 0)
                pressed = static_cast<int>(i);
        }
        const float addX = origin.x + n * (cellW + gap);
        ButtonStyle add;
        add.kind = ButtonKind::Secondary;
        add.disabled = !scannerAvailable;
        if (button(ctx, buttons[n].id.c_str(), addLabel, ImVec2(addX, origin.y + (lineH - buttonH) * 0.5f),
                   ImVec2(origin.x + w - addX, buttonH), add) && pressed < 0)
            pressed = static_cast<int>(n);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + oneRowH));
        ImGui::Dummy(ImVec2(1, 0));
        return pressed;
    }
    if (gridH <= columnsH) {
        if (beside) {
            drawThumbnails(ctx, fs, pages, boxH, thumbsW);
            const float thumbsBottom = ImGui::GetCursorScreenPos().y;
            ImGui::SetCursorScreenPos(ImVec2(origin.x + thumbsW, origin.y));
            pressed = buttonGrid(ctx, buttons, w - thumbsW);
            ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(thumbsBottom, ImGui::GetCursorScreenPos().y)));
            ImGui::Dummy(ImVec2(1, 0));
        } else {
            drawThumbnails(ctx, fs, pages, boxH);
            pressed = buttonGrid(ctx, buttons, w);
        }
        return pressed;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const int c = static_cast<int>(i) % perRow, r = static_cast<int>(i) / perRow;
        const ImVec2 cell(origin.x + c * (colW + gap), origin.y + r * (rowH + gap));
        ImGui::SetCursorScreenPos(ImVec2(cell.x + (colW - thumbnailSlotWidth(ctx, boxH)) * 0.5f, cell.y));
        drawThumbnails(ctx, fs, pages, boxH, 0, i);
        ButtonStyle st;
        st.kind = ButtonKind::Secondary;
        st.shown = removeShown;
        if (button(ctx, buttons[i].id.c_str(), buttons[i].label, ImVec2(cell.x, cell.y + thumbBlockH), ImVec2(colW, buttonH), st) &&
            pressed < 0)
            pressed = static_cast<int>(i);
    }
    const float addY = origin.y + rows * rowH + (rows - 1) * gap + gap;
    ButtonStyle add;
    add.kind = ButtonKind::Secondary;
    add.disabled = !scannerAvailable;
    if (button(ctx, buttons[n].id.c_str(), buttons[n].label, ImVec2(origin.x, addY), ImVec2(w, buttonH), add) && pressed < 0)
        pressed = static_cast<int>(n);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, addY + buttonH + ctx.px(20)));
    ImGui::Dummy(ImVec2(1, 0));
    return pressed;
}

enum class PendingChoice { None, Keep, Again };

// The page(s) as scanned, big enough to check they are straight and readable, and two
// choices that do not look alike: keep (the main action) or scan again. Beside the picture
// when the column leaves the choices room (landscape), under it otherwise; the picture is
// never taller than one part of the page holds with the question's title: drawn at its
// full height, the step once opened on "Partie 1 sur 3" with only its instruction above an
// empty band, the scan and its choices on the next part (the real window, 1920x1080).
PendingChoice drawPendingScan(UiContext& ctx, FieldScan& fs, const std::string& fieldId, const std::string& label) {
    const auto& pending = fs.document.pending();
    const std::string check = std::string(_("Vérifiez la numérisation")) + " : " + label;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float w = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
    const float gap = ctx.px(24);
    const float buttonH = std::max(ctx.px(104), ctx.fonts.bold->FontSize + ctx.px(48));
    const float caption = ctx.px(10) + ctx.fonts.body->FontSize + ctx.px(24);  // drawThumbnails' page number
    // What the part also holds above this: the step's instruction, the question's title and
    // the kind of document asked for, a line each.
    // Drawn in what is really left of the part (200 % in landscape: sized on the allowance
    // alone, the navigation ended 20 px under the footer).
    const float room = roomFrom(ctx, origin.y);
    // The smallest picture still worth a look; below it the part overflows rather than show
    // a stamp (the layout audit then says so).
    const float minFrameH = ctx.px(80);
    const int across = static_cast<int>(std::min<std::size_t>(pending.size(), 3));
    auto pictureWidth = [&](float frameH) { return across * (thumbnailSlotWidth(ctx, frameH) + gap) - gap; };
    ButtonStyle retry;
    retry.kind = ButtonKind::Quiet;
    retry.icon = "back";
    ButtonStyle keep;
    keep.kind = ButtonKind::Primary;
    keep.icon = "check";
    PendingChoice choice = PendingChoice::None;

    float frameH = std::max(minFrameH, std::min(ctx.px(kFreshScanFrameHeight), room - caption));
    const float sideW = w - pictureWidth(frameH) - ctx.px(40);
    if (sideW >= w * 0.4f) {
        // Beside the picture: what to check, then "Garder" and "Recommencer" one above the
        // other. Drawn in reading order: what to check, the picture, the choices.
        const float sideX = origin.x + w - sideW;
        ImGui::SetCursorScreenPos(ImVec2(sideX, origin.y));
        ImGui::PushItemWidth(sideW);
        paragraph(ctx, check);
        ImGui::PopItemWidth();
        const float buttonsY = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorScreenPos(origin);
        drawThumbnails(ctx, fs, pending, frameH, pictureWidth(frameH));
        const float pictureBottom = ImGui::GetCursorScreenPos().y;
        // One above the other when the part has room for both, else side by side (at 200 %
        // in landscape, stacked, they pushed the page's navigation under the footer).
        const bool stacked = buttonsY - origin.y + 2 * buttonH + ctx.px(40) <= room;
        const float bw = stacked ? sideW : (sideW - gap) * 0.5f;
        // Side by side and still too tall: the buttons give up height, never under a line
        // of text and a finger's margin (still far above 9 mm at any scale).
        const float sideH = stacked ? buttonH
                                    : std::max(ctx.fonts.bold->FontSize + ctx.px(24),
                                               std::min(buttonH, room - (buttonsY - origin.y) - ctx.px(20)));
        const ImVec2 retryAt = stacked ? ImVec2(sideX, buttonsY + buttonH + ctx.px(20)) : ImVec2(sideX, buttonsY);
        const ImVec2 keepAt = stacked ? ImVec2(sideX, buttonsY) : ImVec2(sideX + bw + gap, buttonsY);
        if (button(ctx, (fieldId + "##scan-keep").c_str(), _("Garder"), keepAt, ImVec2(bw, sideH), keep))
            choice = PendingChoice::Keep;
        if (button(ctx, (fieldId + "##scan-retry").c_str(), _("Recommencer"), retryAt, ImVec2(bw, sideH), retry))
            choice = PendingChoice::Again;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(pictureBottom, retryAt.y + sideH + ctx.px(20))));
        ImGui::Dummy(ImVec2(1, 0));
        return choice;
    }
    // Under the picture (portrait): it gives up what the text and the buttons take.
    paragraph(ctx, check);
    const float textH = ImGui::GetCursorScreenPos().y - origin.y;
    frameH = std::max(minFrameH, std::min(frameH, room - textH - caption - buttonH - ctx.px(20)));
    drawThumbnails(ctx, fs, pending, frameH);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float bw = (w - gap) * 0.5f;
    if (button(ctx, (fieldId + "##scan-retry").c_str(), _("Recommencer"), pos, ImVec2(bw, buttonH), retry))
        choice = PendingChoice::Again;
    if (button(ctx, (fieldId + "##scan-keep").c_str(), _("Garder"), ImVec2(pos.x + bw + gap, pos.y), ImVec2(bw, buttonH), keep))
        choice = PendingChoice::Keep;
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + buttonH + ctx.px(20)));
    ImGui::Dummy(ImVec2(1, 0));
    return choice;
}

void drawStep(UiContext& ctx, WizardSession& session, const Field& field, const std::string& lang) {
    FieldScan& fs = fieldScan(session, field.id);
    ScannerService* scanner = ctx.services.scanner;
    const bool available = scanner && scanner->status() != DeviceStatus::Absent;
    const std::string label = field.label.in(lang);

    if (!ctx.inert) pruneThumbnails(fs);
    if (fs.scanning) {
        const int percent = static_cast<int>(fs.progress * 100.f + 0.5f);
        paragraph(ctx, std::string(_("Numérisation en cours…")) + " " + std::to_string(percent) + " %");
        return;
    }
    if (!fs.error.empty()) paragraph(ctx, fs.error);

    ButtonStyle big;
    big.kind = ButtonKind::Secondary;
    big.icon = "document";

    if (!fs.document.pending().empty()) {
        const PendingChoice choice = drawPendingScan(ctx, fs, field.id, label);
        if (choice == PendingChoice::Keep) {
            fs.document.keepPending();
            commit(session, field, fs);
        } else if (choice == PendingChoice::Again && available) {
            fs.document.discardPending();
            startScan(ctx, session, field.id, fs);
        }
        return;
    }

    if (fs.document.pageCount() > 0) {
        const int pressed = drawKeptPages(ctx, fs, field.id, available);
        if (pressed >= 0 && pressed < static_cast<int>(fs.document.pageCount())) {
            fs.document.removePage(static_cast<std::size_t>(pressed));
            commit(session, field, fs);
        } else if (pressed == static_cast<int>(fs.document.pageCount()) && available) {
            startScan(ctx, session, field.id, fs);
        }
    } else {
        ButtonStyle st = big;
        st.disabled = !available;
        const std::string text = std::string(_("Scanner")) + " : " + label;
        if (bigButton(ctx, (field.id + "##scan").c_str(), text, st) && available)
            startScan(ctx, session, field.id, fs);
    }
    if (!available) paragraph(ctx, _("Le scanner n'est pas disponible pour le moment."), true);
}

bool stepBusy(const WizardSession& session, const Field& field) {
    auto& st = state();
    if (st.session != &session) return false;
    auto it = st.fields.find(field.id);
    return it != st.fields.end() && it->second && (it->second->scanning || !it->second->document.pending().empty());
}

}  // namespace

void install(const scan::AttachmentPolicy& policy) {
    state().policy = policy;
    wizard::documentStepDrawer() = &drawStep;
    wizard::documentStepBusy() = &stepBusy;
}

void wipeAll() {
    auto& st = state();
    ++st.generation;
    for (auto& [id, fs] : st.fields)
        if (fs) fs->document.wipe();
    st.fields.clear();
    st.session = nullptr;
}

}  // namespace guichet::ui::scan_step
