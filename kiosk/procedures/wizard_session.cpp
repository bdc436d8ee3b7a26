#include "kiosk/procedures/wizard_session.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <set>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/procedures/template_text.hpp"
#include "kiosk/validation/act_request_rules.hpp"

namespace guichet::procedures {

using nlohmann::json;

namespace {
// "Étape %d sur %d" in the session's language: word order differs between languages.
std::string format(const char* pattern, int a, int b = 0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, pattern, a, b);  // a pattern with one %d ignores b
    return buf;
}

void wipeJson(json& j) {
    if (j.is_string()) secureWipe(j.get_ref<std::string&>());
    else if (j.is_structured())
        for (auto& x : j) wipeJson(x);
}
}  // namespace

WizardSession::WizardSession(const Procedure& procedure, const CatalogueSettings& settings, SubmissionStore& store,
                             AppointmentBook* appointments, WizardOptions options)
    : procedure_(procedure), settings_(settings), store_(store), appointments_(appointments), options_(std::move(options)) {
    if (options_.now == 0) options_.now = static_cast<std::int64_t>(std::time(nullptr));
    auto ps = pages();
    if (!ps.empty()) moveTo(ps.front());
}

WizardSession::~WizardSession() { wipeAll(); }

ValidationContext WizardSession::context() const {
    return ValidationContext{settings_, options_.today, appointments_, lookup(), options_.language};
}

Condition::Lookup WizardSession::lookup() const {
    auto cache = std::make_shared<std::map<std::string, json>>();
    return [this, cache](const std::string& id) -> const json* {
        auto it = cache->find(id);
        if (it != cache->end()) return it->second.is_null() ? nullptr : &it->second;
        auto v = value(id);
        auto& slot = (*cache)[id];
        slot = v ? *v : json();
        return slot.is_null() ? nullptr : &slot;
    };
}

bool WizardSession::stepVisible(int s) const {
    const auto& c = procedure_.steps[s].condition;
    return !c || c->evaluate(lookup(), options_.today);
}

bool WizardSession::fieldVisible(int s, int f) const {
    if (!stepVisible(s)) return false;
    const auto& c = fieldAt(s, f).condition;
    return !c || c->evaluate(lookup(), options_.today);
}

std::optional<json> WizardSession::value(const std::string& fieldId) const {
    for (int s = 0; s < static_cast<int>(procedure_.steps.size()); ++s) {
        const auto& fields = procedure_.steps[s].fields;
        for (int f = 0; f < static_cast<int>(fields.size()); ++f) {
            if (fields[f].id != fieldId) continue;
            if (!fieldVisible(s, f)) return std::nullopt;
            if (fields[f].type == FieldType::Computed) return json(computedValue(fields[f]));
            auto it = raw_.find(fieldId);
            if (it == raw_.end()) return std::nullopt;
            auto outcome = validateField(fields[f], it->second, context());
            if (!outcome.ok || outcome.empty) return std::nullopt;
            return outcome.value;
        }
    }
    return std::nullopt;
}

std::string WizardSession::computedValue(const Field& field) const {
    return fillTemplate(field.compute, [this](const std::string& n) { return placeholder(n); });
}

std::string WizardSession::placeholder(const std::string& name) const {
    if (name == "reference") return submission_.reference;
    if (name == "date") return options_.today.toFrench();
    if (name == "heure") {
        std::time_t t = static_cast<std::time_t>(options_.now);
        std::tm tm{};
        localtime_r(&t, &tm);
        char b[16];
        std::snprintf(b, sizeof b, _("%d h %02d"), tm.tm_hour, tm.tm_min);  // "9 h 40", "9:40"
        return b;
    }
    if (name == "commune" || name == "mairie") return settings_.townName.in(options_.language);
    if (name == "telephone_mairie") return settings_.phone;
    if (name == "adresse_mairie") return settings_.address;
    const Field* f = procedure_.findField(name);
    if (!f) return {};
    auto v = value(name);
    if (!v) return {};
    if (f->type == FieldType::Computed) return v->get<std::string>();
    return displayValue(*f, *v, options_.language);
}

std::vector<WizardSession::Page> WizardSession::pages() const {
    std::vector<Page> out;
    for (int s = 0; s < static_cast<int>(procedure_.steps.size()); ++s) {
        if (!stepVisible(s)) continue;
        Page page{s, {}};
        for (int f = 0; f < static_cast<int>(procedure_.steps[s].fields.size()); ++f) {
            if (!fieldVisible(s, f)) continue;
            if (options_.largeText) out.push_back(Page{s, {f}});
            else page.fields.push_back(f);
        }
        if (!options_.largeText && !page.fields.empty()) out.push_back(page);
    }
    return out;
}

int WizardSession::pageIndex() const {
    auto ps = pages();
    for (int i = 0; i < static_cast<int>(ps.size()); ++i) {
        const auto& p = ps[i];
        int lastField = p.fields.back();
        if (p.step > cursorStep_ || (p.step == cursorStep_ && lastField >= cursorField_)) return i;
    }
    return ps.empty() ? 0 : static_cast<int>(ps.size()) - 1;
}

WizardSession::Page WizardSession::currentPage() const {
    auto ps = pages();
    if (ps.empty()) return Page{};
    return ps[pageIndex()];
}

std::vector<const Field*> WizardSession::currentFields() const {
    std::vector<const Field*> out;
    auto p = currentPage();
    if (procedure_.steps.empty()) return out;
    for (int f : p.fields) out.push_back(&fieldAt(p.step, f));
    return out;
}

const Step& WizardSession::currentStep() const { return procedure_.steps[currentPage().step]; }

// The total is said only once no answer still to give can add or remove a step: a
// counter that reads "2 sur 5" then "2 sur 7" makes the resident think they went wrong.
// A condition is settled when every field it reads lies on a page already passed.
WizardSession::Indicator WizardSession::indicator() const {
    auto ps = pages();
    Indicator ind;
    if (ps.empty()) return ind;
    int idx = pageIndex();
    std::set<std::string> settled;
    for (int i = 0; i < idx; ++i)
        for (int f : ps[i].fields) settled.insert(fieldAt(ps[i].step, f).id);
    auto isSettled = [&](const ConditionPtr& c) {
        if (!c) return true;
        for (const auto& id : c->fieldsUsed())
            if (!settled.count(id)) return false;
        return true;
    };
    int lastStep = -1;
    for (int i = 0; i < static_cast<int>(ps.size()); ++i) {
        if (ps[i].step != lastStep) { ++ind.stepCount; lastStep = ps[i].step; }
        if (i == idx) ind.step = ind.stepCount;
    }
    int currentStep = ps[idx].step;
    for (int s = currentStep + 1; s < static_cast<int>(procedure_.steps.size()) && ind.stepCountKnown; ++s) {
        const auto& step = procedure_.steps[s];
        if (step.isPayment()) continue;  // not a page of questions: never counted
        if (!isSettled(step.condition)) ind.stepCountKnown = false;
        bool allConditional = !step.fields.empty();
        for (const auto& f : step.fields) allConditional &= static_cast<bool>(f.condition);
        if (allConditional)  // the step vanishes if every one of its questions does
            for (const auto& f : step.fields)
                if (!isSettled(f.condition)) ind.stepCountKnown = false;
    }
    // In the session's language: word order differs ("Step 2 of 5", "Schritt 2 von 5").
    ind.text = ind.stepCountKnown ? format(_("Étape %d sur %d"), ind.step, ind.stepCount) : format(_("Étape %d"), ind.step);
    if (options_.largeText) {
        bool questionsKnown = true;
        const auto& fields = procedure_.steps[currentStep].fields;
        for (int f = 0; f < static_cast<int>(fields.size()); ++f) {
            bool passed = settled.count(fields[f].id) > 0;
            if (!passed && f > ps[idx].fields.front() && !isSettled(fields[f].condition)) questionsKnown = false;
        }
        for (int i = 0; i < static_cast<int>(ps.size()); ++i) {
            if (ps[i].step != currentStep) continue;
            ++ind.questionCount;
            if (i == idx) ind.question = ind.questionCount;
        }
        if (ind.questionCount > 1 || !questionsKnown)
            ind.text += questionsKnown ? format(_(" — question %d sur %d"), ind.question, ind.questionCount)
                                       : format(_(" — question %d"), ind.question);
    }
    return ind;
}

void WizardSession::setLargeText(bool on) { options_.largeText = on; }

void WizardSession::setAnswer(const std::string& fieldId, json raw) {
#ifdef GUICHET_WIPE_TEST_UNWIPED_COPY
    // A deliberate defect, only in a build made to prove that tests/wipe fails on one: a C
    // copy of the answer released without being overwritten.
    if (raw.is_string()) {
        char* copy = strdup(raw.get_ref<const std::string&>().c_str());
        asm volatile("" : : "r"(copy) : "memory");
        free(copy);
    }
#endif
    auto& slot = raw_[fieldId];
    wipeJson(slot);
    slot = std::move(raw);
    errors_.erase(fieldId);
    notEligible_.erase(fieldId);
}

const json* WizardSession::rawAnswer(const std::string& fieldId) const {
    auto it = raw_.find(fieldId);
    return it == raw_.end() ? nullptr : &it->second;
}

std::vector<ChoiceView> WizardSession::choices(const std::string& fieldId) const {
    const Field* f = procedure_.findField(fieldId);
    if (!f) return {};
    auto views = choiceViews(*f, lookup(), options_.today, options_.language);
    // A choice that needs a device this terminal lacks is not offered at all (requires).
    std::erase_if(views, [this](const ChoiceView& v) {
        return v.choice->requires_ == kRequiresPaymentTerminal && !options_.paymentTerminal;
    });
    return views;
}

std::vector<appointments::Slot> WizardSession::slots(const std::string& fieldId, std::size_t maxCount) const {
    const Field* f = procedure_.findField(fieldId);
    if (!f || !appointments_) return {};
    auto it = appointments_->find(f->calendar);
    if (it == appointments_->end()) return {};
    return it->second.availableSlots(options_.today, maxCount);
}

void WizardSession::attachScan(const std::string& fieldId, std::vector<ScannedPage> scanned) {
    auto& list = scans_[fieldId];
    for (auto& a : list) secureWipe(a.data);
    list.clear();
    json names = json::array();
    for (std::size_t i = 0; i < scanned.size(); ++i) {
        Attachment a;
        a.name = fieldId + "-" + std::to_string(i + 1) + ".jpg";
        a.mediaType = "image/jpeg";
        a.data = std::move(scanned[i].jpeg);
        names.push_back(a.name);
        list.push_back(std::move(a));
    }
    setAnswer(fieldId, json{{"pages", scanned.size()}, {"attachments", names}});
}

void WizardSession::attachDocument(const std::string& fieldId, Attachment document, int pages) {
    auto& list = scans_[fieldId];
    for (auto& a : list) secureWipe(a.data);
    list.clear();
    if (pages <= 0 || document.data.empty()) {
        secureWipe(document.data);
        setAnswer(fieldId, json());
        return;
    }
    json names = json::array({document.name});
    list.push_back(std::move(document));
    setAnswer(fieldId, json{{"pages", pages}, {"attachments", names}});
}

void WizardSession::documentLater(const std::string& fieldId) {
    auto& list = scans_[fieldId];
    for (auto& a : list) secureWipe(a.data);
    list.clear();
    setAnswer(fieldId, json{{"later", true}});
}

void WizardSession::setCardIdentifier(const std::string& fieldId, std::string identifier) {
    setAnswer(fieldId, json{{"source", "card"}, {"value", identifier}});
    secureWipe(identifier);
}

bool WizardSession::pageValid(const Page& page, bool record) {
    bool ok = true;
    auto ctx = context();
    for (int f : page.fields) {
        const Field& field = fieldAt(page.step, f);
        if (!field.isInput()) continue;
        auto it = raw_.find(field.id);
        auto outcome = validateField(field, it == raw_.end() ? json() : it->second, ctx);
        if (!outcome.ok) {
            ok = false;
            if (record) errors_[field.id] = outcome.message;
        }
    }
    return ok;
}

bool WizardSession::rulesValid(const Page& page, bool record) {
    bool ok = true;
    auto look = lookup();
    for (const auto& rule : procedure_.rules) {
        bool onPage = false;
        for (int f : page.fields) onPage |= fieldAt(page.step, f).id == rule.field;
        if (!onPage || errors_.count(rule.field)) continue;
        std::string message;
        if (rule.kind == Rule::Kind::Require) {
            bool applies = !rule.when || rule.when->evaluate(look, options_.today);
            if (applies && !rule.require->evaluate(look, options_.today)) message = rule.message.in(options_.language);
        } else {
            auto kind = validation::actKindFromId(rule.acte);
            const json* type = look(rule.typeField);
            const json* qualite = look(rule.qualiteField);
            if (kind && type && qualite && type->is_string() && qualite->is_string()) {
                auto t = validation::actTypeFromId(type->get<std::string>());
                auto q = validation::qualiteFromId(qualite->get<std::string>());
                std::optional<int> age;
                if (!rule.birthDateField.empty())
                    if (const json* b = look(rule.birthDateField); b && b->is_string())
                        if (auto d = validation::CivilDate::fromIso(b->get<std::string>())) age = validation::ageOn(*d, options_.today);
                if (t && q) {
                    auto decision = validation::mayObtainAct(*kind, *t, *q, *q == validation::Qualite::Interesse ? age : std::nullopt);
                    if (!decision.allowed) {
                        message = decision.explanation;
                        if (record) notEligible_.insert(rule.field);  // not a typing mistake: said apart
                    }
                }
            }
        }
        if (!message.empty()) {
            ok = false;
            if (record) errors_[rule.field] = message;
        }
    }
    return ok;
}

void WizardSession::moveTo(const Page& page) {
    cursorStep_ = page.step;
    cursorField_ = page.fields.empty() ? 0 : page.fields.front();
}

bool WizardSession::next() {
    if (state_ != State::Question) return false;
    errors_.clear();
    notEligible_.clear();
    Page page = currentPage();
    bool fieldsOk = pageValid(page, true);
    if (!fieldsOk || !rulesValid(page, true)) return false;
    auto ps = pages();
    int idx = pageIndex();
    if (returnToReview_) {
        for (int i = idx + 1; i < static_cast<int>(ps.size()); ++i)
            if (!pageValid(ps[i], false) || !rulesValid(ps[i], false)) { moveTo(ps[i]); return true; }
        returnToReview_ = false;
        state_ = State::Review;
        return true;
    }
    if (idx + 1 < static_cast<int>(ps.size())) moveTo(ps[idx + 1]);
    else state_ = State::Review;
    return true;
}

bool WizardSession::back() {
    errors_.clear();
    notEligible_.clear();
    if (state_ == State::Review) {
        auto ps = pages();
        if (!ps.empty()) moveTo(ps.back());
        state_ = State::Question;
        return true;
    }
    if (state_ != State::Question) return false;
    int idx = pageIndex();
    if (idx == 0) return false;
    moveTo(pages()[idx - 1]);
    return true;
}

std::vector<WizardSession::ReviewItem> WizardSession::review() const {
    std::vector<ReviewItem> out;
    for (const auto& page : pages()) {
        for (int f : page.fields) {
            const Field& field = fieldAt(page.step, f);
            auto v = value(field.id);
            std::string shown = !v ? "—" : field.type == FieldType::Computed ? v->get<std::string>() : displayValue(field, *v, options_.language);
            out.push_back({field.id, procedure_.steps[page.step].title.in(options_.language), field.label.in(options_.language), shown});
        }
    }
    return out;
}

void WizardSession::change(const std::string& fieldId) {
    if (state_ != State::Review) return;
    for (const auto& page : pages())
        for (int f : page.fields)
            if (fieldAt(page.step, f).id == fieldId) {
                moveTo(page);
                cursorField_ = options_.largeText ? f : page.fields.front();
                state_ = State::Question;
                returnToReview_ = true;
                return;
            }
}

Result<void> WizardSession::confirm() {
    if (state_ != State::Review) return makeError(ErrorCode::InvalidArgument, "confirm outside review");
    // Everything again: a slot may have been taken, a date may have passed midnight.
    for (const auto& page : pages()) {
        if (!pageValid(page, true) || !rulesValid(page, true)) {
            moveTo(page);
            state_ = State::Question;
            returnToReview_ = true;
            return makeError(ErrorCode::InvalidArgument, "Une réponse doit être corrigée avant d'envoyer la demande.");
        }
    }
    // A card payment comes first: the submission is stored with its outcome (finishPayment).
    if (paymentStep()) {
        state_ = State::Payment;
        return {};
    }
    return storeSubmission(nullptr, {});
}

Result<void> WizardSession::storeSubmission(const nlohmann::json* paymentSection, const std::string& settleTxn) {
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = procedure_.id;
    s.procedureVersion = procedure_.version;
    s.connector = procedure_.connector;
    s.language = options_.language;
    s.terminalId = options_.terminalId;
    s.createdAt = options_.now;
    for (const auto& page : pages())
        for (int f : page.fields) {
            const Field& field = fieldAt(page.step, f);
            auto v = value(field.id);
            if (!v) continue;
            s.answers[field.id] = *v;
            auto sc = scans_.find(field.id);
            if (field.type == FieldType::Document && sc != scans_.end())
                for (const auto& a : sc->second) s.attachments.push_back(a);  // copies; originals wiped with the session
        }
    if (paymentSection) s.answers[kPaymentAnswer] = *paymentSection;
    auto stored = settleTxn.empty() ? store_.store(s) : store_.storeSettlingPayment(s, settleTxn);
    if (!stored) {
        s.wipe();
        return makeError(stored.error().code,
                         "Votre demande n'a pas pu être enregistrée. Vos réponses sont gardées : réessayez dans un instant. "
                         "Si le problème continue, adressez-vous à l'accueil.");
    }
    submission_ = std::move(s);
    if (appointments_)
        for (const auto& step : procedure_.steps)
            for (const auto& field : step.fields)
                if (field.type == FieldType::Appointment && submission_.answers.contains(field.id)) {
                    auto it = appointments_->find(field.calendar);
                    if (it != appointments_->end()) (void)it->second.book(submission_.answers[field.id].get<std::string>(), options_.today);
                }
    state_ = State::Done;
    return {};
}

const Step* WizardSession::paymentStep() const {
    // Only with a payment terminal ready when the session began: without one, the bill is
    // paid online or at the desk (the receipt says how), never "attempted" on nothing.
    if (!options_.paymentTerminal) return nullptr;
    for (int s = 0; s < static_cast<int>(procedure_.steps.size()); ++s)
        if (procedure_.steps[s].isPayment() && stepVisible(s)) return &procedure_.steps[s];
    return nullptr;
}

std::int64_t WizardSession::paymentAmountCents() const {
    const Step* step = paymentStep();
    if (!step) return 0;
    auto v = value(step->amountField);  // canonical "42.50" (check = "montant") or a number
    if (!v) return 0;
    double euros = 0;
    if (v->is_number()) euros = v->get<double>();
    else if (v->is_string()) {
        try {
            euros = std::stod(v->get<std::string>());
        } catch (const std::exception&) {
            return 0;
        }
    }
    return euros > 0 ? static_cast<std::int64_t>(euros * 100 + 0.5) : 0;
}

std::string WizardSession::paymentReference() const {
    const Step* step = paymentStep();
    if (!step || step->referenceField.empty()) return {};
    auto v = value(step->referenceField);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

void WizardSession::leavePayment() {
    if (state_ == State::Payment) state_ = State::Review;
}

Result<void> WizardSession::finishPayment(const nlohmann::json& section, const std::string& settleTxn) {
    if (state_ != State::Payment) return makeError(ErrorCode::InvalidArgument, "finishPayment outside the payment step");
    return storeSubmission(&section, settleTxn);
}

std::string WizardSession::paymentUrl() const {
    if (!procedure_.payment.present()) return {};
    return fillTemplate(procedure_.payment.urlTemplate, [this](const std::string& n) {
        if (n == "reference") return submission_.reference;
        auto v = value(n);
        if (!v) return std::string();
        if (v->is_object() && v->contains("value")) return (*v)["value"].get<std::string>();  // card identifier
        return v->is_string() ? v->get<std::string>() : v->dump();
    }, true);
}

void WizardSession::requestCancel() {
    if (state_ == State::ConfirmCancel || state_ == State::Cancelled) return;
    stateBeforeCancel_ = state_;
    state_ = State::ConfirmCancel;
}

void WizardSession::resumeAfterCancelRequest() {
    if (state_ == State::ConfirmCancel) state_ = stateBeforeCancel_;
}

void WizardSession::confirmCancel() {
    wipeAll();
    state_ = State::Cancelled;
}

void WizardSession::wipeAll() {
    for (auto& [k, v] : raw_) wipeJson(v);
    raw_.clear();
    for (auto& [k, list] : scans_)
        for (auto& a : list) secureWipe(a.data);
    scans_.clear();
    for (auto& [k, m] : errors_) secureWipe(m);
    errors_.clear();
    notEligible_.clear();
    submission_.wipe();
}

}  // namespace guichet::procedures
