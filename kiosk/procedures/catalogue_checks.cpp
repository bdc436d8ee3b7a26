// Checks across the fields of one procedure: what a single key cannot tell.
#include <map>
#include <regex>

#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/template_text.hpp"
#include "kiosk/validation/act_request_rules.hpp"

namespace guichet::procedures {

namespace {

struct Known {
    std::map<std::string, int> order;  // field id -> position in the procedure
    std::map<std::string, const Field*> fields;
};

void checkConditionFields(const ConditionPtr& c, int position, const Known& k, const std::string& file, int line,
                          const std::string& where, Diagnostics& d) {
    if (!c) return;
    for (const auto& used : c->fieldsUsed()) {
        auto it = k.order.find(used);
        if (it == k.order.end())
            d.push_back({file, line, "la condition " + where + " utilise le champ « " + used + " », qui n'existe pas"});
        else if (it->second >= position)
            d.push_back({file, line, "la condition " + where + " utilise le champ « " + used +
                                         " », qui est demandé après : une condition ne dépend que des réponses précédentes"});
    }
}

void checkTemplate(const std::string& text, const Known& k, const std::string& file, int line, const std::string& where,
                   Diagnostics& d) {
    for (const auto& name : templatePlaceholders(text)) {
        if (isBuiltinPlaceholder(name)) continue;
        if (!k.fields.count(name))
            d.push_back({file, line, where + " utilise « {" + name + "} », qui n'est pas un champ de la démarche"});
    }
}

// A payment step charges the amount of a field asked before it, after the review: it must
// be the procedure's one payment step and its last step.
void checkPaymentStep(const Procedure& p, std::size_t index, const Known& k, Diagnostics& d) {
    const Step& s = p.steps[index];
    const std::string& file = p.file;
    for (std::size_t i = 0; i < index; ++i)
        if (p.steps[i].isPayment())
            d.push_back({file, s.line, "la démarche a déjà une étape de paiement (« " + p.steps[i].id + " », ligne " +
                                           std::to_string(p.steps[i].line) + ") : une seule par démarche"});
    if (index + 1 != p.steps.size())
        d.push_back({file, s.line, "l'étape de paiement « " + s.id + " » doit être la dernière : le paiement se fait après « Vérifiez vos réponses »"});
    if (p.anonymous())
        d.push_back({file, s.line, "une démarche anonyme (kind = \"survey\") ne peut pas avoir d'étape de paiement"});
    auto checkRef = [&](const std::string& id, const char* key) -> const Field* {
        if (id.empty()) return nullptr;
        auto it = k.fields.find(id);
        if (it == k.fields.end()) {
            d.push_back({file, s.line, "l'étape de paiement « " + s.id + " » : " + key + " = « " + id + " », qui n'est pas un champ demandé avant elle"});
            return nullptr;
        }
        return it->second;
    };
    if (const Field* f = checkRef(s.amountField, "amount_field")) {
        bool amount = (f->type == FieldType::Text && f->check == "montant") || (f->type == FieldType::Number && !f->integer);
        if (!amount)
            d.push_back({file, s.line, "l'étape de paiement « " + s.id + " » : le champ « " + f->id +
                                           " » n'est pas un montant (type = \"text\" avec check = \"montant\")"});
    }
    checkRef(s.referenceField, "reference_field");
}

}  // namespace

void checkProcedure(const Procedure& p, const CatalogueSettings& settings, Diagnostics& d) {
    const std::string& file = p.file;
    Known k;
    std::map<std::string, int> stepIds;
    // Every field's position first, so that "asked later" is told apart from "unknown".
    std::map<std::string, int> allPositions;
    {
        int pos = 0;
        for (const auto& s : p.steps)
            for (const auto& f : s.fields) allPositions.emplace(f.id, pos++);
    }
    k.order = allPositions;
    int position = 0;
    for (const auto& s : p.steps) {
        if (s.isPayment()) checkPaymentStep(p, static_cast<std::size_t>(&s - p.steps.data()), k, d);
        if (stepIds.count(s.id)) d.push_back({file, s.line, "étape « " + s.id + " » en double (déjà ligne " + std::to_string(stepIds[s.id]) + ")"});
        stepIds[s.id] = s.line;
        // A step's condition may use only fields of earlier steps.
        checkConditionFields(s.condition, position, k, file, s.conditionLine, "de l'étape « " + s.id + " »", d);
        for (const auto& f : s.fields) {
            if (k.fields.count(f.id)) {
                d.push_back({file, f.line, "champ « " + f.id + " » en double (déjà ligne " + std::to_string(k.fields[f.id]->line) + ")"});
                ++position;
                continue;
            }
            checkConditionFields(f.condition, position, k, file, f.conditionLine, "du champ « " + f.id + " »", d);
            std::map<std::string, int> values;
            for (const auto& c : f.choices) {
                if (values.count(c.value)) d.push_back({file, c.line, "choix « " + c.value + " » en double dans le champ « " + f.id + " »"});
                values[c.value] = c.line;
                checkConditionFields(c.condition, position, k, file, c.conditionLine, "du choix « " + c.value + " »", d);
                if (c.condition && c.unavailable.empty())
                    d.push_back({file, c.line, "le choix « " + c.value + " » a une condition mais pas de texte « unavailable » qui explique pourquoi il n'est pas proposé"});
            }
            if (f.type == FieldType::Appointment && !f.calendar.empty() && !settings.calendars.count(f.calendar))
                d.push_back({file, f.line, "calendrier « " + f.calendar + " » inconnu (les calendriers sont dans _commune.toml)"});
            if (f.type == FieldType::Computed) checkTemplate(f.compute, k, file, f.line, "le champ calculé « " + f.id + " »", d);
            ++position;
            k.fields[f.id] = &f;
        }
    }
    if (p.anonymous()) {
        for (const auto& [id, f] : k.fields) {
            bool personal = f->type == FieldType::Email || f->type == FieldType::Phone || f->type == FieldType::Address ||
                            f->type == FieldType::Card || f->type == FieldType::Document || f->check == "nom" || f->check == "prenom";
            if (personal)
                d.push_back({file, f->line, "le champ « " + id + " » demande une donnée personnelle dans un sondage anonyme (kind = \"survey\")"});
        }
    }
    for (const auto& r : p.rules) {
        auto fit = k.fields.find(r.field);
        if (fit == k.fields.end()) {
            d.push_back({file, r.line, "la règle porte sur le champ « " + r.field + " », qui n'existe pas"});
            continue;
        }
        int pos = k.order[r.field] + 1;  // a rule may use the field itself and everything before it
        checkConditionFields(r.require, pos, k, file, r.line, "de la règle sur « " + r.field + " »", d);
        checkConditionFields(r.when, pos, k, file, r.line, "de la règle sur « " + r.field + " »", d);
        if (r.kind == Rule::Kind::ActRights) {
            for (const auto* name : {&r.typeField, &r.qualiteField, &r.birthDateField}) {
                if (name->empty()) continue;
                if (!k.fields.count(*name)) d.push_back({file, r.line, "la règle droit_acte utilise le champ « " + *name + " », qui n'existe pas"});
            }
            auto checkChoiceIds = [&](const std::string& fid, bool (*known)(const std::string&), const char* what) {
                auto it = k.fields.find(fid);
                if (it == k.fields.end()) return;
                for (const auto& c : it->second->choices)
                    if (!known(c.value))
                        d.push_back({file, c.line, "le choix « " + c.value + " » n'est pas " + what + " connu de la règle droit_acte"});
            };
            checkChoiceIds(r.typeField, [](const std::string& v) { return validation::actTypeFromId(v).has_value(); }, "un type d'acte");
            checkChoiceIds(r.qualiteField, [](const std::string& v) { return validation::qualiteFromId(v).has_value(); }, "une qualité");
        }
    }
    for (const auto& row : p.receipt.rows) checkTemplate(row.value, k, file, row.line, "le reçu", d);
    for (const auto& line : p.receipt.lines) checkTemplate(line.fr(), k, file, p.receipt.line, "le reçu", d);
    for (const auto& note : p.receipt.next) {
        checkConditionFields(note.when, position, k, file, note.line, "d'une étape suivante du reçu", d);
        checkTemplate(note.text.fr(), k, file, note.line, "le reçu", d);
    }
    checkTemplate(p.receipt.nextSteps.fr(), k, file, p.receipt.line, "le reçu", d);
    checkTemplate(p.receipt.footer.fr(), k, file, p.receipt.line, "le reçu", d);
    if (settings.phone.empty())
        for (const auto* t : {&p.receipt.nextSteps, &p.receipt.footer})
            if (t->fr().find("{telephone_mairie}") != std::string::npos)
                d.push_back({file, t->line, "le reçu utilise {telephone_mairie} mais _commune.toml ne donne pas le téléphone de la mairie ([town] phone)"});
    if (p.payment.present()) checkTemplate(p.payment.urlTemplate, k, file, p.payment.line, "l'adresse de paiement", d);
    if (p.receipt.qr == "payment" && !p.payment.present())
        d.push_back({file, p.receipt.line, "le reçu demande un QR de paiement (qr = \"payment\") mais la démarche n'a pas de section [payment]"});
}

}  // namespace guichet::procedures
