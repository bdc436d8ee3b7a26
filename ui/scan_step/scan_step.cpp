#include "ui/scan_step/scan_step.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <map>
#include <memory>
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

// A row of thumbnails, each framed, with its page number under it; the description in
// words for speech (and when no picture can be made).
void drawThumbnails(UiContext& ctx, FieldScan& fs, const std::vector<ScannedPage>& pages, float maxH, float width = 0) {
    if (pages.empty()) return;
    const auto& p = ctx.colors();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float colW = width > 0 ? width : std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
    float gap = ctx.px(24);
    float boxH = maxH, boxW = maxH * kFrameAspect;
    int perRow = std::max(1, static_cast<int>((colW + gap) / (boxW + gap)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ctx.fonts.body;
    float rowH = boxH + ctx.px(10) + f->FontSize;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        int c = static_cast<int>(i % perRow), r = static_cast<int>(i / perRow);
        ImVec2 a(origin.x + c * (boxW + gap), origin.y + r * (rowH + gap));
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
    int rows = static_cast<int>((pages.size() + perRow - 1) / perRow);
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
// at most three): the same height each, the grid `width` wide. Returns the index pressed, or -1.
int buttonGrid(UiContext& ctx, const std::vector<GridButton>& buttons, float width) {
    if (buttons.empty()) return -1;
    ImFont* font = ctx.fonts.bold;
    const float pad = ctx.px(28), gap = ctx.px(20);
    const float w = width;
    float widest = 0;
    for (const auto& b : buttons)
        widest = std::max(widest, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b.label.c_str()).x);
    int perRow = std::clamp(static_cast<int>((w + gap) / (widest + 2 * pad + gap)), 1, 3);
    perRow = std::min(perRow, static_cast<int>(buttons.size()));
    const float bw = (w - gap * (perRow - 1)) / perRow;
    float h = ctx.px(104);
    for (const auto& b : buttons) h = std::max(h, measureWrappedText(font, bw - 2 * pad, b.label).y + 2 * ctx.px(24));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    int pressed = -1;
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        const int c = static_cast<int>(i) % perRow, r = static_cast<int>(i) / perRow;
        ButtonStyle st;
        st.kind = ButtonKind::Secondary;
        st.disabled = buttons[i].disabled;
        if (button(ctx, buttons[i].id.c_str(), buttons[i].label, ImVec2(origin.x + c * (bw + gap), origin.y + r * (h + gap)),
                   ImVec2(bw, h), st) && pressed < 0)
            pressed = static_cast<int>(i);
    }
    const int rows = static_cast<int>((buttons.size() + perRow - 1) / perRow);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + rows * h + (rows - 1) * gap + gap));
    ImGui::Dummy(ImVec2(1, 0));
    return pressed;
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
        // The page as scanned, big enough to check it is straight and readable, then two
        // choices that do not look alike: keep (the main action) or scan again.
        paragraph(ctx, std::string(_("Vérifiez la numérisation")) + " : " + label);
        drawThumbnails(ctx, fs, fs.document.pending(), ctx.px(kFreshScanFrameHeight));
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float w = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
        float gap = ctx.px(24);
        float h = std::max(ctx.px(104), ctx.fonts.bold->FontSize + ctx.px(48));
        float bw = (w - gap) * 0.5f;
        ButtonStyle retry;
        retry.kind = ButtonKind::Quiet;
        retry.icon = "back";
        ButtonStyle keep;
        keep.kind = ButtonKind::Primary;
        keep.icon = "check";
        bool again = button(ctx, (field.id + "##scan-retry").c_str(), _("Recommencer"), pos, ImVec2(bw, h), retry);
        bool kept = button(ctx, (field.id + "##scan-keep").c_str(), _("Garder"), ImVec2(pos.x + bw + gap, pos.y),
                           ImVec2(bw, h), keep);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(20)));
        ImGui::Dummy(ImVec2(1, 0));
        if (kept) {
            fs.document.keepPending();
            commit(session, field, fs);
        } else if (again && available) {
            fs.document.discardPending();
            startScan(ctx, session, field.id, fs);
        }
        return;
    }

    if (fs.document.pageCount() > 0) {
        // Kept pages: small thumbnails, then "Supprimer la page n" and "Ajouter une page" side
        // by side — one button a row made a two-page document taller than the screen.
        std::vector<GridButton> buttons;
        for (std::size_t i = 0; i < fs.document.pageCount(); ++i)
            buttons.push_back({field.id + "##scan-remove-" + std::to_string(i),
                               std::string(_("Supprimer la page")) + " " + std::to_string(i + 1), false});
        buttons.push_back({field.id + "##scan-add", _("Ajouter une page"), !available});
        // The buttons beside the thumbnails when the row leaves them room (two or three
        // pages in landscape), under them otherwise.
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float w = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
        const float boxH = ctx.px(170), gap = ctx.px(24);
        const float thumbsW = std::min<float>(static_cast<float>(fs.document.pageCount()), 3.f) * (boxH * 0.75f + gap);
        int pressed = -1;
        if (w - thumbsW >= w * 0.45f) {
            drawThumbnails(ctx, fs, fs.document.pages(), boxH, thumbsW);
            const float thumbsBottom = ImGui::GetCursorScreenPos().y;
            ImGui::SetCursorScreenPos(ImVec2(origin.x + thumbsW, origin.y));
            pressed = buttonGrid(ctx, buttons, w - thumbsW);
            ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(thumbsBottom, ImGui::GetCursorScreenPos().y)));
            ImGui::Dummy(ImVec2(1, 0));
        } else {
            drawThumbnails(ctx, fs, fs.document.pages(), boxH);
            pressed = buttonGrid(ctx, buttons, w);
        }
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

}  // namespace

void install(const scan::AttachmentPolicy& policy) {
    state().policy = policy;
    wizard::documentStepDrawer() = &drawStep;
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
