#include "ui/wizard/field_widgets.hpp"

#include <imgui.h>

#include "kiosk/card/card_service.hpp"
#include "kiosk/card/identifier_reader.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/card_step/card_step.hpp"
#include "ui/core/widgets.hpp"
#include "ui/wizard/document_step_hook.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::wizard {

using procedures::Field;
using procedures::FieldType;
using procedures::WizardSession;
using nlohmann::json;

void clearFieldBuffers(UiContext& ctx, const procedures::Procedure& procedure) {
    static const char* parts[] = {nullptr, "voie", "complement", "code_postal", "commune", "mode", "cardError"};
    for (const auto& step : procedure.steps)
        for (const auto& f : step.fields)
            for (const char* part : parts) {
                std::string key = "wizard." + f.id + (part ? std::string(".") + part : std::string());
                if (const std::string* existing = ctx.session.findField(key)) {
                    std::string& b = ctx.session.field(key);
                    (void)existing;
                    secureWipe(b.data(), b.size());
                    b.clear();  // keeps the capacity the keyboard relies on
                }
            }
}

DocumentStepDrawer& documentStepDrawer() {
    static DocumentStepDrawer drawer = nullptr;
    return drawer;
}

std::string& fieldBuffer(UiContext& ctx, const Field& field, const char* part) {
    std::string key = "wizard." + field.id;
    if (part) key += std::string(".") + part;
    return ctx.session.field(key);
}

namespace {

std::string rawString(const WizardSession& s, const std::string& id, const char* part = nullptr) {
    const json* raw = s.rawAnswer(id);
    if (!raw) return {};
    const json* v = raw;
    if (part) {
        if (!raw->is_object() || !raw->contains(part)) return {};
        v = &(*raw)[part];
    }
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number_integer()) return std::to_string(v->get<long long>());
    return {};
}

FieldKind keyboardFor(const Field& f) {
    if (f.type == FieldType::Phone) return FieldKind::Phone;
    if (f.numericKeyboard()) return FieldKind::Number;
    return FieldKind::Text;
}

// A typed text field bound to the session: the buffer is filled from the answer the first
// time (after Back), and every change is handed to the wizard.
void typedField(UiContext& ctx, WizardSession& s, const Field& f, const std::string& label, FieldKind kind,
                std::size_t maxLen, const std::string& placeholder) {
    // The buffer is the source of truth while typing (it lives as long as the resident's
    // session, across Back and review); the wizard gets every change.
    std::string& buf = fieldBuffer(ctx, f);
    std::string raw = rawString(s, f.id);
    std::string id = f.id + "##field";
    textField(ctx, id.c_str(), label, buf, kind, placeholder, maxLen);
    if (buf != raw) s.setAnswer(f.id, buf);
}

void placeFields(UiContext& ctx, WizardSession& s, const Field& f, bool street) {
    json value = json::object();
    const json* raw = s.rawAnswer(f.id);
    if (raw && raw->is_object()) value = *raw;
    struct Part { const char* key; std::string label; FieldKind kind; std::size_t max; };
    std::vector<Part> parts;
    if (street) {
        parts.push_back({"voie", _("Numéro et rue"), FieldKind::Text, 120});
        parts.push_back({"complement", _("Complément (bâtiment, appartement) — facultatif"), FieldKind::Text, 80});
    }
    parts.push_back({"code_postal", _("Code postal"), FieldKind::Number, 5});
    parts.push_back({"commune", _("Commune"), FieldKind::Text, 80});
    bool changed = false;
    for (const auto& part : parts) {
        std::string& buf = fieldBuffer(ctx, f, part.key);
        std::string current = value.contains(part.key) && value[part.key].is_string() ? value[part.key].get<std::string>() : "";
        std::string id = f.id + "." + part.key + "##field";
        textField(ctx, id.c_str(), part.label, buf, part.kind, {}, part.max);
        if (buf != current) { value[part.key] = buf; changed = true; }
    }
    if (changed) s.setAnswer(f.id, value);
}

bool isSelected(const WizardSession& s, const Field& f, const std::string& value) {
    const json* raw = s.rawAnswer(f.id);
    if (!raw) return false;
    if (raw->is_array()) {
        for (const auto& x : *raw)
            if (x == value) return true;
        return false;
    }
    return raw->is_string() && raw->get<std::string>() == value;
}

void choiceField(UiContext& ctx, WizardSession& s, const Field& f, const std::string& lang) {
    for (const auto& view : s.choices(f.id)) {
        std::string label = view.choice->label.in(lang);
        std::string id = f.id + "=" + view.choice->value + "##choice";
        if (!view.available) {
            // Not offered, and said why: the resident knows what to ask instead.
            ButtonStyle st;
            st.kind = ButtonKind::Chip;
            st.disabled = true;
            st.hint = view.unavailableText;
            bigButton(ctx, id.c_str(), label + " — " + _("non disponible"), st);
            paragraph(ctx, view.unavailableText, true);
            continue;
        }
        ButtonStyle st;
        st.kind = ButtonKind::Chip;
        bool sel = isSelected(s, f, view.choice->value);
        st.selected = sel;
        if (f.multiple) {
            st.role = a11y::Role::Checkbox;
            st.checked = sel;
        } else {
            st.role = a11y::Role::Choice;
            st.checked = sel;
        }
        if (bigButton(ctx, id.c_str(), label, st)) {
            if (!f.multiple) {
                s.setAnswer(f.id, view.choice->value);
            } else {
                json arr = json::array();
                const json* raw = s.rawAnswer(f.id);
                if (raw && raw->is_array()) arr = *raw;
                json next = json::array();
                bool had = false;
                for (const auto& x : arr) {
                    if (x == view.choice->value) had = true;
                    else next.push_back(x);
                }
                if (!had) next.push_back(view.choice->value);
                s.setAnswer(f.id, next);
            }
        }
    }
}

void yesNoField(UiContext& ctx, WizardSession& s, const Field& f) {
    const json* raw = s.rawAnswer(f.id);
    for (bool yes : {true, false}) {
        ButtonStyle st;
        st.kind = ButtonKind::Chip;
        st.role = a11y::Role::Choice;
        bool sel = raw && raw->is_boolean() && raw->get<bool>() == yes;
        st.selected = sel;
        st.checked = sel;
        std::string id = f.id + (yes ? "=oui" : "=non") + std::string("##yesno");
        if (bigButton(ctx, id.c_str(), yes ? _("Oui") : _("Non"), st)) s.setAnswer(f.id, yes);
    }
}

void ratingField(UiContext& ctx, WizardSession& s, const Field& f) {
    const json* raw = s.rawAnswer(f.id);
    int lo = static_cast<int>(f.min.value_or(1)), hi = static_cast<int>(f.max.value_or(5));
    for (int v = lo; v <= hi; ++v) {
        ButtonStyle st;
        st.kind = ButtonKind::Chip;
        st.role = a11y::Role::Choice;
        bool sel = raw && raw->is_number() && raw->get<int>() == v;
        st.selected = sel;
        st.checked = sel;
        std::string id = f.id + "=" + std::to_string(v) + "##rating";
        std::string label = std::to_string(v) + " " + _("sur") + " " + std::to_string(hi);
        if (bigButton(ctx, id.c_str(), label, st)) s.setAnswer(f.id, v);
    }
}

void appointmentField(UiContext& ctx, WizardSession& s, const Field& f) {
    auto slots = s.slots(f.id, 12);
    if (slots.empty()) {
        paragraph(ctx, _("Aucun créneau n'est libre pour le moment. L'accueil de la mairie peut vous donner un rendez-vous."));
        return;
    }
    for (const auto& slot : slots) {
        ButtonStyle st;
        st.kind = ButtonKind::Chip;
        st.icon = "clock";
        st.role = a11y::Role::Choice;
        bool sel = isSelected(s, f, slot.id);
        st.selected = sel;
        st.checked = sel;
        std::string id = f.id + "=" + slot.id + "##slot";
        if (bigButton(ctx, id.c_str(), slot.label, st)) s.setAnswer(f.id, slot.id);
    }
}

namespace {

// Without ui/scan_step: one scan, every page attached as a JPEG.
void plainScanButton(UiContext& ctx, WizardSession& s, const Field& f, const std::string& lang) {
    ScannerService* scanner = ctx.services.scanner;
    ButtonStyle st;
    st.kind = ButtonKind::Secondary;
    st.icon = "document";
    std::string id = f.id + "##scan";
    bool available = scanner && scanner->status() != DeviceStatus::Absent;
    st.disabled = !available;
    std::string scanLabel = std::string(_("Scanner")) + " : " + f.label.in(lang);
    if (bigButton(ctx, id.c_str(), scanLabel, st) && available) {
        std::string fieldId = f.id;
        WizardSession* session = &s;
        scanner->scan(ScanRequest{}, [](float) {}, [session, fieldId](Result<std::vector<ScannedPage>> r) {
            auto* rt = WizardRuntime::instance();
            if (r && rt && rt->current() == session) session->attachScan(fieldId, std::move(r.value()));
        });
    }
    if (!available) paragraph(ctx, _("Le scanner n'est pas disponible pour le moment."), true);
}

}  // namespace

void documentField(UiContext& ctx, WizardSession& s, const Field& f, const std::string& lang) {
    paragraph(ctx, f.documentKind.in(lang));
    const json* raw = s.rawAnswer(f.id);
    if (raw && raw->is_object() && raw->value("pages", 0) > 0)
        paragraph(ctx, std::to_string(raw->value("pages", 0)) + " " + _("page(s) scannée(s). Vous pouvez scanner à nouveau."));
    else if (raw && raw->is_object() && raw->value("later", false))
        paragraph(ctx, _("Vous apporterez ce document au guichet de la mairie."));
    if (DocumentStepDrawer draw = documentStepDrawer()) {
        draw(ctx, s, f, lang);
    } else {
        plainScanButton(ctx, s, f, lang);
    }
    if (f.allowLater || !f.required) {
        std::string lid = f.id + "##later";
        ButtonStyle ls;
        ls.kind = ButtonKind::Quiet;
        // The document is named in the label: two documents on a page stay distinct when spoken.
        std::string later = std::string(_("J'apporterai au guichet")) + " : " + f.label.in(lang);
        if (f.allowLater && bigButton(ctx, lid.c_str(), later, ls)) s.documentLater(f.id);
    }
}

void cardField(UiContext& ctx, WizardSession& s, const Field& f, const std::string& lang) {
    std::string& mode = fieldBuffer(ctx, f, "mode");
    // The last failed read's resident message (not personal data); cleared on a new read.
    std::string& failure = fieldBuffer(ctx, f, "cardError");
    const json* raw = s.rawAnswer(f.id);
    if (raw && raw->is_object() && raw->value("source", "") == "card") {
        paragraph(ctx, _("Votre carte a été lue."));
    }
    CardReaderService* reader = ctx.services.cardReader;
    bool available = reader && reader->status() != DeviceStatus::Absent;
    if (mode != "saisie") {
        if (!failure.empty()) drawCardReadFailure(ctx, f.id, failure);
        ButtonStyle st;
        st.kind = ButtonKind::Secondary;
        st.disabled = !available;
        std::string id = f.id + "##read";
        if (bigButton(ctx, id.c_str(), _("Lire ma carte"), st) && available) {
            failure.clear();
            std::string fieldId = f.id;
            WizardSession* session = &s;
            Session* resident = &ctx.session;
            reader->readIdentifier([session, resident, fieldId](Result<std::string> r) {
                auto* rt = WizardRuntime::instance();
                if (!rt || rt->current() != session) {
                    if (r) card::wipeStorage(r.value());
                    return;
                }
                std::string& failed = resident->field("wizard." + fieldId + ".cardError");
                if (r) {
                    failed.clear();
                    session->setCardIdentifier(fieldId, std::move(r.value()));
                } else if (r.error().code != ErrorCode::Cancelled) {
                    failed = card::residentMessage(r.error());
                }
            });
        }
        if (!available) paragraph(ctx, _("Le lecteur de carte n'est pas disponible pour le moment."), true);
        ButtonStyle q;
        q.kind = ButtonKind::Quiet;
        std::string fid = f.id + "##fallback";
        std::string fallback = f.fallbackLabel.empty() ? std::string(_("Je n'ai pas ma carte")) : f.fallbackLabel.in(lang);
        if (bigButton(ctx, fid.c_str(), fallback, q)) {
            mode = "saisie";
            failure.clear();
            if (reader) reader->cancel();  // a read still waiting for the card must not fill the field later
        }
    } else {
        typedField(ctx, s, f, f.label.in(lang), FieldKind::Text, 20, {});
    }
}

}  // namespace

void drawField(UiContext& ctx, WizardSession& s, const Field& f) {
    const std::string& lang = s.options().language;
    auto label = f.label.resolve(lang);
    std::string shown = label.text + (label.fallback ? std::string("  ") + _("(en français)") : std::string());
    if (!f.help.empty()) paragraph(ctx, f.help.in(lang), true);
    switch (f.type) {
        case FieldType::Text:
        case FieldType::LongText:
        case FieldType::Number:
        case FieldType::Date:
        case FieldType::Email:
        case FieldType::Phone:
            typedField(ctx, s, f, shown, keyboardFor(f), f.maxLength ? static_cast<std::size_t>(*f.maxLength) : 200,
                       f.placeholder.empty() ? (f.type == FieldType::Date ? "14/07/1952" : "") : f.placeholder.in(lang));
            break;
        case FieldType::Choice:
            heading(ctx, shown);
            choiceField(ctx, s, f, lang);
            break;
        case FieldType::YesNo:
            heading(ctx, shown);
            yesNoField(ctx, s, f);
            break;
        case FieldType::Rating:
            heading(ctx, shown);
            ratingField(ctx, s, f);
            break;
        case FieldType::PostalCommune:
            heading(ctx, shown);
            placeFields(ctx, s, f, false);
            break;
        case FieldType::Address:
            heading(ctx, shown);
            placeFields(ctx, s, f, true);
            break;
        case FieldType::Appointment:
            heading(ctx, shown);
            appointmentField(ctx, s, f);
            break;
        case FieldType::Document:
            heading(ctx, shown);
            documentField(ctx, s, f, lang);
            break;
        case FieldType::Card:
            heading(ctx, shown);
            cardField(ctx, s, f, lang);
            break;
        case FieldType::Computed:
            heading(ctx, shown);
            paragraph(ctx, s.computedValue(f));
            break;
    }
    auto err = s.errors().find(f.id);
    if (err != s.errors().end()) paragraph(ctx, std::string(_("À corriger : ")) + err->second);
    spacing(ctx, 16);
}

}  // namespace guichet::ui::wizard
