#include "ui/wizard/field_widgets.hpp"

#include <algorithm>

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
    static const char* parts[] = {nullptr, "voie", "complement", "code_postal", "commune", "mode", "cardError", "reading"};
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

DocumentStepBusy& documentStepBusy() {
    static DocumentStepBusy busy = nullptr;
    return busy;
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
    if (f.check == "montant") return FieldKind::Amount;  // "42,50": a pad with a comma
    if (f.numericKeyboard()) return FieldKind::Number;
    return FieldKind::Text;
}

// A date typed as digits reads as a date while it is typed: "140719" shows "14/07/19".
std::string dateMask(const std::string& v) {
    for (char c : v)
        if (c < '0' || c > '9') return v;  // already with separators: as typed
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i == 2 || i == 4) out += '/';
        out += v[i];
    }
    return out;
}

std::string errorText(const WizardSession& s, const Field& f) {
    auto err = s.errors().find(f.id);
    if (err == s.errors().end()) return {};
    if (s.notEligible(f.id)) return err->second;  // not a mistake: no "À corriger"
    return std::string(_("À corriger : ")) + err->second;
}

// A typed text field bound to the session: the buffer is filled from the answer the first
// time (after Back), and every change is handed to the wizard.
void typedField(UiContext& ctx, WizardSession& s, const Field& f, const std::string& label, FieldKind kind,
                std::size_t maxLen, const std::string& example) {
    // The buffer is the source of truth while typing (it lives as long as the resident's
    // session, across Back and review); the wizard gets every change.
    std::string& buf = fieldBuffer(ctx, f);
    std::string raw = rawString(s, f.id);
    std::string id = f.id + "##field";
    std::string error = errorText(s, f);
    FieldExtras extras;
    extras.example = example;
    extras.error = error;
    if (f.type == FieldType::Date) extras.display = &dateMask;
    textField(ctx, id.c_str(), label, buf, kind, {}, maxLen, extras);
    if (buf != raw) s.setAnswer(f.id, buf);
}

int placePartCount(bool street) { return street ? 4 : 2; }

// The parts of an address (or postal code + town); `only` >= 0 draws that part alone (a
// block of a paginated page), the others keeping their values.
void placeFields(UiContext& ctx, WizardSession& s, const Field& f, bool street, int only = -1) {
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
    for (int i = 0; i < static_cast<int>(parts.size()); ++i) {
        const auto& part = parts[i];
        if (only >= 0 && i != only) continue;
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

void toggleChoice(WizardSession& s, const Field& f, const std::string& value) {
    if (!f.multiple) {
        s.setAnswer(f.id, value);
        return;
    }
    json arr = json::array();
    const json* raw = s.rawAnswer(f.id);
    if (raw && raw->is_array()) arr = *raw;
    json next = json::array();
    bool had = false;
    for (const auto& x : arr) {
        if (x == value) had = true;
        else next.push_back(x);
    }
    if (!had) next.push_back(value);
    s.setAnswer(f.id, next);
}

// An answer of a list: a big radio mark (one answer) or check box (several).
ButtonStyle answerStyle(bool selected, bool multiple) {
    ButtonStyle st;
    st.kind = ButtonKind::Chip;
    st.answer = true;
    st.selected = selected;
    st.checked = selected;
    st.role = multiple ? a11y::Role::Checkbox : a11y::Role::Choice;
    return st;
}

void choiceItems(UiContext& ctx, WizardSession& s, const Field& f, const std::string& lang, std::vector<Block>& out,
                 int group) {
    for (const auto& view : s.choices(f.id)) {
        out.push_back({[&ctx, &s, &f, lang, view] {
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
                               return;
                           }
                           ButtonStyle st = answerStyle(isSelected(s, f, view.choice->value), f.multiple);
                           if (bigButton(ctx, id.c_str(), label, st)) toggleChoice(s, f, view.choice->value);
                       },
                       false, group});
    }
}

void yesNoItems(UiContext& ctx, WizardSession& s, const Field& f, std::vector<Block>& out, int group) {
    for (bool yes : {true, false}) {
        out.push_back({[&ctx, &s, &f, yes] {
                           const json* raw = s.rawAnswer(f.id);
                           bool sel = raw && raw->is_boolean() && raw->get<bool>() == yes;
                           std::string id = f.id + (yes ? "=oui" : "=non") + std::string("##yesno");
                           if (bigButton(ctx, id.c_str(), yes ? _("Oui") : _("Non"), answerStyle(sel, false)))
                               s.setAnswer(f.id, yes);
                       },
                       false, group});
    }
}

// A face from very unhappy (0) to very happy (1): the mouth's curve says it, not colour.
void drawFace(ImDrawList* dl, ImVec2 c, float r, float mood, ImU32 ink, ImU32 fill) {
    dl->AddCircleFilled(c, r, fill, 40);
    dl->AddCircle(c, r, ink, 40, r * 0.1f);
    dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.11f, ink, 12);
    dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.11f, ink, 12);
    float curve = (mood - 0.5f) * 2.f;  // -1 frown .. +1 smile
    ImVec2 a(c.x - r * 0.45f, c.y + r * 0.38f - curve * r * 0.1f), b(c.x + r * 0.45f, a.y);
    ImVec2 mid(c.x, c.y + r * 0.38f + curve * r * 0.28f);
    dl->AddBezierQuadratic(a, ImVec2(mid.x, 2 * mid.y - (a.y + b.y) * 0.5f), b, ink, r * 0.1f, 16);
}

void ratingItems(UiContext& ctx, WizardSession& s, const Field& f, std::vector<Block>& out, int group) {
    int lo = static_cast<int>(f.min.value_or(1)), hi = static_cast<int>(f.max.value_or(5));
    for (int v = hi; v >= lo; --v) {  // the happiest first, as on a satisfaction form
        out.push_back({[&ctx, &s, &f, v, lo, hi] {
                           const json* raw = s.rawAnswer(f.id);
                           bool sel = raw && raw->is_number() && raw->get<int>() == v;
                           float mood = hi > lo ? float(v - lo) / float(hi - lo) : 1.f;
                           const char* words[] = {_("Très mécontent"), _("Mécontent"), _("Moyen"), _("Content"),
                                                  _("Très content")};
                           int idx = std::clamp(static_cast<int>(mood * 4.f + 0.5f), 0, 4);
                           std::string id = f.id + "=" + std::to_string(v) + "##rating";
                           ImVec2 pos = ImGui::GetCursorScreenPos();
                           float w = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
                           if (bigButton(ctx, id.c_str(), words[idx], answerStyle(sel, false))) s.setAnswer(f.id, v);
                           float h = ImGui::GetCursorScreenPos().y - pos.y - ctx.px(20);
                           float r = std::min(h * 0.36f, ctx.fonts.bold->FontSize * 0.8f);
                           const auto& p = ctx.colors();
                           drawFace(ImGui::GetWindowDrawList(), ImVec2(pos.x + w - ctx.px(40) - r, pos.y + h * 0.5f), r,
                                    mood, p.text.abgr(), (p.name == "high-contrast" ? p.background : p.accentBg).abgr());
                       },
                       false, group});
    }
}

void appointmentItems(UiContext& ctx, WizardSession& s, const Field& f, std::vector<Block>& out, int group) {
    auto slots = s.slots(f.id, 12);
    if (slots.empty()) {
        out.push_back({[&ctx] {
                           paragraph(ctx, _("Aucun créneau n'est libre pour le moment. L'accueil de la mairie peut vous donner un rendez-vous."));
                       },
                       false, group});
        return;
    }
    for (const auto& slot : slots) {
        out.push_back({[&ctx, &s, &f, slot] {
                           ButtonStyle st = answerStyle(isSelected(s, f, slot.id), false);
                           st.icon = "clock";
                           std::string id = f.id + "=" + slot.id + "##slot";
                           if (bigButton(ctx, id.c_str(), slot.label, st)) s.setAnswer(f.id, slot.id);
                       },
                       false, group});
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
    std::string scanLabel = std::string(_("Scanner")) + _(" : ") + f.label.in(lang);
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
    // While a scan runs or waits for "Garder" / "Recommencer", the count of pages kept would
    // be stale: left out. With large text, once a page is scanned, the page holds the
    // question's title and the pages themselves (their captions and "Supprimer la page n"
    // say how many): the kind of document asked for and the count are left out. At 200 % in
    // landscape, title, kind, count and pages did not fit above the navigation, which ended
    // under the footer.
    DocumentStepBusy busyHook = documentStepBusy();
    const bool busy = busyHook && busyHook(s, f);
    const json* raw = s.rawAnswer(f.id);
    const bool scanned = raw && raw->is_object() && raw->value("pages", 0) > 0;
    const bool compact = largeTextMode(ctx) && (busy || scanned);
    if (!compact) paragraph(ctx, f.documentKind.in(lang));
    if (!busy && !compact && scanned)
        paragraph(ctx, raw->value("pages", 0) == 1
                           ? std::string(_("1 page scannée. Vous pouvez scanner à nouveau."))
                           : std::to_string(raw->value("pages", 0)) + " " + _("pages scannées. Vous pouvez scanner à nouveau."));
    if (DocumentStepDrawer draw = documentStepDrawer()) {
        draw(ctx, s, f, lang);
    } else {
        plainScanButton(ctx, s, f, lang);
    }
}

bool offersDocumentLater(const WizardSession& s, const Field& f) {
    if (!f.allowLater && f.required) return false;
    DocumentStepBusy busy = documentStepBusy();
    return !busy || !busy(s, f);
}

// "J'apporterai au guichet", and once chosen what it means, in the same block: the answer
// shows where the finger is, even when the block stands on the next part.
void documentLater(UiContext& ctx, WizardSession& s, const Field& f, const std::string& lang) {
    const json* raw = s.rawAnswer(f.id);
    const bool scanned = raw && raw->is_object() && raw->value("pages", 0) > 0;
    if (!scanned && raw && raw->is_object() && raw->value("later", false))
        paragraph(ctx, _("Vous apporterez ce document au guichet de la mairie."));
    if (!offersDocumentLater(s, f)) return;
    std::string lid = f.id + "##later";
    ButtonStyle ls;
    ls.kind = ButtonKind::Quiet;
    // The document is named in the label: two documents on a page stay distinct when spoken.
    std::string later = std::string(_("J'apporterai au guichet")) + _(" : ") + f.label.in(lang);
    if (bigButton(ctx, lid.c_str(), later, ls)) s.documentLater(f.id);
}

// Asks the reader for the card's identifier; the answer fills the field, or leaves the
// resident message of a failed read (never personal data) for the field to show.
void startCardRead(UiContext& ctx, WizardSession& s, const Field& f) {
    fieldBuffer(ctx, f, "cardError").clear();
    fieldBuffer(ctx, f, "reading") = "1";
    std::string fieldId = f.id;
    WizardSession* session = &s;
    Session* resident = &ctx.session;
    ctx.services.cardReader->readIdentifier([session, resident, fieldId](Result<std::string> r) {
        auto* rt = WizardRuntime::instance();
        if (!rt || rt->current() != session) {
            if (r) card::wipeStorage(r.value());
            return;
        }
        resident->field("wizard." + fieldId + ".reading").clear();
        std::string& failed = resident->field("wizard." + fieldId + ".cardError");
        if (r) {
            failed.clear();
            session->setCardIdentifier(fieldId, std::move(r.value()));
        } else if (r.error().code != ErrorCode::Cancelled) {
            failed = card::residentMessage(r.error());
        }
    });
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
        std::string& reading = fieldBuffer(ctx, f, "reading");
        if (bigButton(ctx, id.c_str(), _("Lire ma carte"), st) && available) startCardRead(ctx, s, f);
        if (!available) paragraph(ctx, _("Le lecteur de carte n'est pas disponible pour le moment."), true);
        // Waiting for a card that is not there: say so, never a silent button.
        if (available && !reading.empty() && !TakeCardBackPanel::cardInside(ctx))
            fieldError(ctx, f.id + "-nocard",
                       _("Aucune carte dans le lecteur. Insérez votre carte, puce vers le haut, ou posez-la sur le lecteur."),
                       true);
        ButtonStyle q;
        q.kind = ButtonKind::Quiet;
        std::string fid = f.id + "##fallback";
        std::string fallback = f.fallbackLabel.empty() ? std::string(_("Je n'ai pas ma carte")) : f.fallbackLabel.in(lang);
        if (bigButton(ctx, fid.c_str(), fallback, q)) {
            mode = "saisie";
            failure.clear();
            reading.clear();
            if (reader) reader->cancel();  // a read still waiting for the card must not fill the field later
        }
    } else {
        // Typing: the field's own label is the question's title (no heading above it saying
        // the same), and the card can still be read instead, in one tap, while there is a reader.
        typedField(ctx, s, f, f.label.in(lang), FieldKind::Text, 20, {});
        ButtonStyle st;
        st.kind = ButtonKind::Quiet;
        std::string id = f.id + "##read";
        if (available && bigButton(ctx, id.c_str(), _("Lire ma carte"), st)) {
            mode.clear();
            startCardRead(ctx, s, f);
        }
    }
}

bool cardTyped(UiContext& ctx, const Field& f) { return f.type == FieldType::Card && fieldBuffer(ctx, f, "mode") == "saisie"; }

}  // namespace

namespace {
// On a wide page (landscape), answers go two by two side by side: twice as many on a
// screen, so a list rarely needs "Voir la suite".
void pairAnswers(UiContext& ctx, std::vector<Block>& out, std::size_t first) {
    float width = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
    if (width < ctx.px(1300) || out.size() - first < 2) return;
    std::vector<Block> paired(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(first));
    for (std::size_t i = first; i < out.size(); i += 2) {
        if (i + 1 >= out.size()) {
            auto one = out[i].draw;
            paired.push_back({[&ctx, one, width] {
                                  ImGui::PushItemWidth((width - ctx.px(24)) * 0.5f);
                                  one();
                                  ImGui::PopItemWidth();
                              },
                              false, out[i].group});
            break;
        }
        auto a = out[i].draw, b = out[i + 1].draw;
        paired.push_back({[&ctx, a, b, width] {
                              float gap = ctx.px(24), half = (width - gap) * 0.5f;
                              ImVec2 pos = ImGui::GetCursorScreenPos();
                              ImGui::PushItemWidth(half);
                              a();
                              float ya = ImGui::GetCursorScreenPos().y;
                              ImGui::SetCursorScreenPos(ImVec2(pos.x + half + gap, pos.y));
                              b();
                              float yb = ImGui::GetCursorScreenPos().y;
                              ImGui::PopItemWidth();
                              ImGui::SetCursorScreenPos(ImVec2(pos.x, std::max(ya, yb)));
                              ImGui::Dummy(ImVec2(1, 0));
                          },
                          false, out[i].group});
    }
    out = std::move(paired);
}
}  // namespace

std::string fieldTitle(const WizardSession& s, const Field& f) {
    auto label = f.label.resolve(s.options().language);
    std::string t = label.text;
    while (!t.empty() && (t.back() == ' ' || t.back() == ':')) t.pop_back();
    return t;
}

std::vector<Block> fieldBlocks(UiContext& ctx, WizardSession& s, const Field& f, int group) {
    std::vector<Block> out;
    const std::string lang = s.options().language;
    auto label = f.label.resolve(lang);
    std::string shown = label.text + (label.fallback ? std::string("  ") + _("(en français)") : std::string());
    auto help = [&ctx, &s, &f] {
        if (!f.help.empty()) paragraph(ctx, f.help.in(s.options().language), true);
    };
    auto error = [&ctx, &s, &f] {
        std::string e = errorText(s, f);
        if (!e.empty()) fieldError(ctx, f.id, e, s.notEligible(f.id));
    };
    auto end = [&ctx] { spacing(ctx, 16); };
    // The question as a header (its title, help and error) followed by its answers.
    auto listQuestion = [&](auto items) {
        out.push_back({[&ctx, help, error, shown] {
                           heading(ctx, shown);
                           help();
                           error();
                       },
                       true, group});
        std::size_t first = out.size();
        items();
        pairAnswers(ctx, out, first);
        if (!out.empty()) {
            auto last = out.back().draw;
            out.back().draw = [last, end] { last(); end(); };
        }
    };
    switch (f.type) {
        case FieldType::Text:
        case FieldType::LongText:
        case FieldType::Number:
        case FieldType::Date:
        case FieldType::Email:
        case FieldType::Phone:
            out.push_back({[&ctx, &s, &f, shown, help, end] {
                               help();
                               std::string example = f.placeholder.empty() ? (f.type == FieldType::Date ? "14/07/1952" : "")
                                                                           : f.placeholder.in(s.options().language);
                               typedField(ctx, s, f, shown, keyboardFor(f),
                                          f.maxLength ? static_cast<std::size_t>(*f.maxLength) : 200, example);
                               end();
                           },
                           false, group});
            break;
        case FieldType::Choice: listQuestion([&] { choiceItems(ctx, s, f, lang, out, group); }); break;
        case FieldType::YesNo: listQuestion([&] { yesNoItems(ctx, s, f, out, group); }); break;
        case FieldType::Rating: listQuestion([&] { ratingItems(ctx, s, f, out, group); }); break;
        case FieldType::Appointment: listQuestion([&] { appointmentItems(ctx, s, f, out, group); }); break;
        case FieldType::Document:
            // The scanned pages and "J'apporterai au guichet" are blocks of their own: after
            // a scan at 200 % in portrait, the question in one block was taller than the
            // screen (it scrolled, the layout audit saw the buttons under the footer).
            out.push_back({[&ctx, help, error, shown] {
                               heading(ctx, shown);
                               help();
                               error();
                           },
                           true, group});
            out.push_back({[&ctx, &s, &f, lang] { documentField(ctx, s, f, lang); }, false, group});
            out.push_back({[&ctx, &s, &f, lang, end] {
                               documentLater(ctx, s, f, lang);
                               end();
                           },
                           false, group});
            break;
        case FieldType::PostalCommune:
        case FieldType::Address: {
            bool street = f.type == FieldType::Address;
            listQuestion([&] {
                for (int part = 0; part < placePartCount(street); ++part)
                    out.push_back({[&ctx, &s, &f, street, part] { placeFields(ctx, s, f, street, part); }, false, group});
            });
            break;
        }
        default:
            out.push_back({[&ctx, &s, &f, shown, help, error, end, lang] {
                               // A card identifier being typed: the typed field has its own
                               // label and error, and "insert your card" no longer applies.
                               if (!cardTyped(ctx, f)) {
                                   heading(ctx, shown);
                                   help();
                                   error();
                               }
                               switch (f.type) {
                                   case FieldType::PostalCommune: placeFields(ctx, s, f, false); break;
                                   case FieldType::Address: placeFields(ctx, s, f, true); break;
                                   case FieldType::Card: cardField(ctx, s, f, lang); break;
                                   case FieldType::Computed: paragraph(ctx, s.computedValue(f)); break;
                                   default: break;
                               }
                               end();
                           },
                           false, group});
            break;
    }
    return out;
}

void drawField(UiContext& ctx, WizardSession& s, const Field& f) {
    for (auto& b : fieldBlocks(ctx, s, f, 0)) b.draw();
}

}  // namespace guichet::ui::wizard
