#include "ui/scan_step/scan_step.hpp"

#include <map>
#include <memory>
#include <string>

#include "drivers/common/log.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/scan/scanned_document.hpp"
#include "ui/core/widgets.hpp"
#include "ui/wizard/document_step_hook.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::scan_step {
namespace {

using procedures::Field;
using procedures::WizardSession;

// One document field's pages while its session lasts. `generation` changes on every wipe
// so that a scan finishing after a wipe is recognised and dropped.
struct FieldScan {
    scan::ScannedDocument document;
    bool scanning = false;
    float progress = 0.f;
    std::string error;  // for the resident, shown until the next scan
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
    for (auto& p : pages) secureWipe(p.jpeg);
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
    ctx.services.scanner->scan(
        ScanRequest{},
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

std::string pageLine(std::size_t index, const ScannedPage& page) {
    return std::string(_("Page")) + " " + std::to_string(index + 1) + " : " + std::to_string(page.widthPx) + " x " +
           std::to_string(page.heightPx) + " px, " + std::to_string((page.jpeg.size() + 1023) / 1024) + " Ko";
}

void drawStep(UiContext& ctx, WizardSession& session, const Field& field, const std::string& lang) {
    FieldScan& fs = fieldScan(session, field.id);
    ScannerService* scanner = ctx.services.scanner;
    const bool available = scanner && scanner->status() != DeviceStatus::Absent;
    const std::string label = field.label.in(lang);

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
        // Preview as page metadata: the shell's render backend has no texture upload yet.
        paragraph(ctx, std::string(_("Vérifiez la numérisation")) + " : " + label);
        for (std::size_t i = 0; i < fs.document.pending().size(); ++i)
            paragraph(ctx, pageLine(i, fs.document.pending()[i]), true);
        ButtonStyle keep = big;
        keep.kind = ButtonKind::Primary;
        if (bigButton(ctx, (field.id + "##scan-keep").c_str(), _("Garder"), keep)) {
            fs.document.keepPending();
            commit(session, field, fs);
        }
        if (bigButton(ctx, (field.id + "##scan-retry").c_str(), _("Recommencer"), big) && available) {
            fs.document.discardPending();
            startScan(ctx, session, field.id, fs);
        }
        return;
    }

    if (fs.document.pageCount() > 0) {
        for (std::size_t i = 0; i < fs.document.pageCount(); ++i) {
            paragraph(ctx, pageLine(i, fs.document.pages()[i]), true);
            ButtonStyle rm = big;
            rm.kind = ButtonKind::Quiet;
            rm.icon = "";
            const std::string id = field.id + "##scan-remove-" + std::to_string(i);
            const std::string text = std::string(_("Supprimer la page")) + " " + std::to_string(i + 1);
            if (bigButton(ctx, id.c_str(), text, rm)) {
                fs.document.removePage(i);
                commit(session, field, fs);
                break;  // the list changed under the loop
            }
        }
        ButtonStyle add = big;
        add.disabled = !available;
        if (bigButton(ctx, (field.id + "##scan-add").c_str(), _("Ajouter une page"), add) && available)
            startScan(ctx, session, field.id, fs);
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
