// Turns one procedure file into the model; key-level problems are reported on the way.
#include <algorithm>
#include <regex>

#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/template_text.hpp"
#include "kiosk/procedures/toml_reader.hpp"

namespace guichet::procedures {

namespace {

Choice parseChoice(const toml::table& t, const std::string& file, Diagnostics& d, const std::string& fieldId) {
    TomlReader r(t, file, d, "le choix du champ « " + fieldId + " »", {"value", "label", "condition", "unavailable", "requires"});
    Choice c;
    c.line = r.line();
    c.value = r.string("value", true).value_or("");
    c.label = r.text("label", true);
    c.condition = r.condition("condition");
    c.conditionLine = r.lineOf("condition");
    c.unavailable = r.text("unavailable");
    c.requires_ = r.string("requires").value_or("");
    if (!c.requires_.empty() && c.requires_ != kRequiresPaymentTerminal)
        r.error("requires", "« requires » vaut « " + c.requires_ + " » : seul « payment_terminal » existe (le terminal de paiement)");
    return c;
}

Field parseField(const toml::table& t, const std::string& file, Diagnostics& d) {
    Field f;
    std::string id = t["id"].value_or(std::string("?"));
    TomlReader r(t, file, d, "le champ « " + id + " »",
                 {"id", "type", "label", "help", "placeholder", "required", "condition", "min_length", "max_length",
                  "pattern", "pattern_message", "check", "min", "max", "integer", "past", "future", "min_age", "max_age",
                  "age_message", "max_days_ago", "choices", "multiple", "mobile_only", "local_only", "calendar", "document_kind",
                  "max_pages", "allow_later", "fallback_label", "fallback_pattern", "compute"});
    f.line = r.line();
    f.id = r.string("id", true).value_or("");
    if (auto ty = r.string("type", true)) {
        if (auto ft = fieldTypeFromName(*ty)) f.type = *ft;
        else r.error("type", "type de champ « " + *ty + " » inconnu (text, long_text, number, date, choice, yes_no, email, phone, "
                             "postal_commune, address, appointment, document, card, computed, rating)");
    }
    f.label = r.text("label", true);
    f.help = r.text("help");
    f.placeholder = r.text("placeholder");
    f.required = r.boolean("required").value_or(f.type != FieldType::Computed);
    f.condition = r.condition("condition");
    f.conditionLine = r.lineOf("condition");
    if (auto v = r.integer("min_length")) f.minLength = static_cast<int>(*v);
    if (auto v = r.integer("max_length")) f.maxLength = static_cast<int>(*v);
    f.pattern = r.string("pattern").value_or("");
    f.patternMessage = r.text("pattern_message");
    f.check = r.string("check").value_or("");
    f.min = r.number("min");
    f.max = r.number("max");
    f.integer = r.boolean("integer").value_or(true);
    f.past = r.boolean("past").value_or(false);
    f.future = r.boolean("future").value_or(false);
    if (auto v = r.integer("min_age")) f.minAge = static_cast<int>(*v);
    if (auto v = r.integer("max_age")) f.maxAge = static_cast<int>(*v);
    f.ageMessage = r.text("age_message");
    if (auto v = r.integer("max_days_ago")) f.maxDaysAgo = static_cast<int>(*v);
    for (const auto* ct : r.tables("choices")) f.choices.push_back(parseChoice(*ct, file, d, f.id));
    f.multiple = r.boolean("multiple").value_or(false);
    f.mobileOnly = r.boolean("mobile_only").value_or(false);
    f.localOnly = r.boolean("local_only").value_or(false);
    f.calendar = r.string("calendar").value_or("");
    f.documentKind = r.text("document_kind");
    f.maxPages = static_cast<int>(r.integer("max_pages").value_or(4));
    f.allowLater = r.boolean("allow_later").value_or(false);
    f.fallbackLabel = r.text("fallback_label");
    f.fallbackPattern = r.string("fallback_pattern").value_or("");
    f.compute = r.string("compute").value_or("");

    // Checks that need only this field.
    if (!f.pattern.empty()) {
        try { std::regex re(f.pattern, std::regex::ECMAScript); }
        catch (const std::regex_error&) { r.error("pattern", "expression « pattern » invalide pour le champ « " + f.id + " »"); }
        if (f.patternMessage.empty())
            r.error("pattern", "le champ « " + f.id + " » a un « pattern » sans « pattern_message » : la personne doit savoir comment corriger");
    }
    if (f.minLength && f.maxLength && *f.minLength > *f.maxLength)
        r.error("min_length", "min_length (" + std::to_string(*f.minLength) + ") est plus grand que max_length (" + std::to_string(*f.maxLength) + ")");
    if (f.min && f.max && *f.min > *f.max) r.error("min", "min est plus grand que max pour le champ « " + f.id + " »");
    if (f.past && f.future) r.error("past", "un champ date ne peut pas être à la fois « past » et « future »");
    if (f.type == FieldType::Choice && f.choices.empty())
        r.error(r.line(), "le champ « " + f.id + " » est un choix sans aucun [[…choices]]");
    if (f.type != FieldType::Choice && !f.choices.empty())
        r.error("choices", "seul un champ de type « choice » peut avoir des « choices »");
    if (f.type == FieldType::Computed && f.compute.empty())
        r.error(r.line(), "le champ calculé « " + f.id + " » n'a pas de « compute »");
    if (f.type == FieldType::Appointment && f.calendar.empty())
        r.error(r.line(), "le champ rendez-vous « " + f.id + " » n'indique pas son « calendar »");
    if (f.type == FieldType::Document && f.documentKind.empty())
        r.error(r.line(), "le champ document « " + f.id + " » n'indique pas « document_kind » (quel papier scanner)");
    static const std::set<std::string> checks = {"", "nom", "prenom", "ants", "montant"};
    if (!checks.count(f.check))
        r.error("check", "vérification « " + f.check + " » inconnue (nom, prenom, ants, montant)");
    if (f.type == FieldType::Rating) {
        if (!f.min) f.min = 1;
        if (!f.max) f.max = 5;
    }
    return f;
}

Step parseStep(const toml::table& t, const std::string& file, Diagnostics& d) {
    TomlReader r(t, file, d, "une étape [[steps]]",
                 {"id", "type", "title", "help", "condition", "fields", "amount_field", "reference_field"});
    Step s;
    s.line = r.line();
    s.id = r.string("id", true).value_or("");
    if (auto ty = r.string("type")) {
        if (*ty == "payment") s.kind = Step::Kind::Payment;
        else if (*ty != "questions")
            r.error("type", "type d'étape « " + *ty + " » inconnu (questions, ou payment pour le paiement par carte)");
    }
    s.title = r.text("title", true);
    s.help = r.text("help");
    s.condition = r.condition("condition");
    s.conditionLine = r.lineOf("condition");
    for (const auto* ft : r.tables("fields")) s.fields.push_back(parseField(*ft, file, d));
    s.amountField = r.string("amount_field", s.isPayment()).value_or("");
    s.referenceField = r.string("reference_field").value_or("");
    if (s.isPayment()) {
        // The page is drawn by the terminal (amount, TPE instructions, result): nothing to ask.
        if (!s.fields.empty()) r.error("fields", "l'étape de paiement « " + s.id + " » ne pose pas de questions : retirez ses [[steps.fields]]");
    } else {
        if (s.fields.empty()) r.error(r.line(), "l'étape « " + s.id + " » n'a aucun champ [[steps.fields]]");
        if (r.has("amount_field")) r.error("amount_field", "« amount_field » n'a de sens que pour une étape type = \"payment\"");
        if (r.has("reference_field")) r.error("reference_field", "« reference_field » n'a de sens que pour une étape type = \"payment\"");
    }
    return s;
}

Rule parseRule(const toml::table& t, const std::string& file, Diagnostics& d) {
    TomlReader r(t, file, d, "une règle [[rules]]",
                 {"field", "require", "when", "message", "check", "acte", "type_field", "qualite_field", "birth_date_field"});
    Rule x;
    x.line = r.line();
    x.field = r.string("field", true).value_or("");
    auto check = r.string("check");
    if (check && *check == "droit_acte") {
        x.kind = Rule::Kind::ActRights;
        x.acte = r.string("acte", true).value_or("");
        x.typeField = r.string("type_field", true).value_or("");
        x.qualiteField = r.string("qualite_field", true).value_or("");
        x.birthDateField = r.string("birth_date_field").value_or("");
        if (!x.acte.empty() && x.acte != "naissance" && x.acte != "mariage" && x.acte != "deces")
            r.error("acte", "acte « " + x.acte + " » inconnu (naissance, mariage, deces)");
    } else if (check) {
        r.error("check", "règle « " + *check + " » inconnue (droit_acte, ou bien « require »)");
    } else {
        x.require = r.condition("require");
        if (!r.has("require")) r.error(r.line(), "une règle [[rules]] a besoin de « require » ou de « check »");
        x.when = r.condition("when");
        x.message = r.text("message", true);
    }
    return x;
}

}  // namespace

std::optional<Procedure> parseProcedureFile(const std::string& path, const CatalogueSettings& settings, Diagnostics& d) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        d.push_back({path, static_cast<int>(e.source().begin.line), "syntaxe TOML : " + std::string(e.description())});
        return std::nullopt;
    }
    std::size_t before = d.size();
    TomlReader r(root, path, d, "la démarche",
                 {"id", "version", "kind", "title", "falc", "icon", "connector", "order", "steps", "rules", "receipt", "payment", "pages"});
    Procedure p;
    p.file = path;
    p.id = r.string("id", true).value_or("");
    if (!p.id.empty() && p.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
        r.error("id", "l'identifiant « " + p.id + " » ne doit contenir que des minuscules sans accent, des chiffres et des tirets");
    if (auto v = r.integer("version", true)) {
        if (*v < 1) r.error("version", "la version doit être un entier positif (1, 2, …)");
        p.version = static_cast<int>(*v);
    }
    p.kind = r.string("kind").value_or("form");
    if (p.kind != "form" && p.kind != "survey" && p.kind != "information")
        r.error("kind", "genre de démarche « " + p.kind + " » inconnu (form, survey, information)");
    p.title = r.text("title", true);
    p.falc = r.text("falc", true);
    p.icon = r.string("icon", true).value_or("");
    p.order = static_cast<int>(r.integer("order").value_or(100));
    if (p.kind != "information") {
        p.connector = r.string("connector", true).value_or("");
        static const std::set<std::string> connectors = {"directory", "webhook", "open311", "wcs"};
        if (!p.connector.empty() && !connectors.count(p.connector))
            r.error("connector", "connecteur « " + p.connector + " » inconnu (directory, webhook, open311, wcs)");
    }
    for (const auto* st : r.tables("steps")) p.steps.push_back(parseStep(*st, path, d));
    for (const auto* rt : r.tables("rules")) p.rules.push_back(parseRule(*rt, path, d));
    if (const auto* rt = r.subtable("receipt")) {
        TomlReader rr(*rt, path, d, "[receipt]", {"title", "rows", "lines", "next_steps", "next", "qr", "footer"});
        p.receipt.line = rr.line();
        p.receipt.title = rr.text("title", true);
        for (const auto* row : rr.tables("rows")) {
            TomlReader rw(*row, path, d, "une ligne [[receipt.rows]]", {"label", "value"});
            p.receipt.rows.push_back({rw.text("label", true), rw.string("value", true).value_or(""), rw.line()});
        }
        if (const toml::node* n = rt->get("lines")) {
            if (const toml::array* a = n->as_array()) {
                for (const auto& item : *a) {
                    LocalizedText lt;
                    lt.line = item.source().begin.line ? static_cast<int>(item.source().begin.line) : rr.lineOf("lines");
                    if (item.is_string()) lt.byLanguage["fr"] = *item.value<std::string>();
                    else if (const auto* tt = item.as_table()) {
                        for (auto&& [lang, v] : *tt)
                            if (v.is_string()) lt.byLanguage[std::string(lang.str())] = *v.value<std::string>();
                        if (lt.fr().empty()) rr.error("lines", "texte en français manquant dans [receipt] lines");
                    } else rr.error("lines", "« lines » ne doit contenir que des textes");
                    p.receipt.lines.push_back(lt);
                }
            } else rr.error("lines", "« lines » doit être une liste de textes");
        }
        p.receipt.nextSteps = rr.text("next_steps");
        for (const auto* nt : rr.tables("next")) {
            TomlReader nr(*nt, path, d, "une étape suivante [[receipt.next]]", {"when", "text"});
            ReceiptNote note{nr.condition("when"), nr.text("text", true), nr.line()};
            if (!nr.has("when")) nr.error(nr.line(), "[[receipt.next]] sans « when » : écrivez ce texte dans next_steps");
            p.receipt.next.push_back(std::move(note));
        }
        p.receipt.qr = rr.string("qr").value_or("reference");
        if (p.receipt.qr != "reference" && p.receipt.qr != "payment" && p.receipt.qr != "none")
            rr.error("qr", "« qr » doit valoir reference, payment ou none");
        p.receipt.footer = rr.text("footer");
    } else if (p.kind != "information") {
        r.error(r.line(), "la démarche « " + p.id + " » n'a pas de section [receipt]");
    }
    if (const auto* pt = r.subtable("payment")) {
        TomlReader pr(*pt, path, d, "[payment]", {"url_template", "at_desk"});
        p.payment.line = pr.line();
        p.payment.urlTemplate = pr.string("url_template", true).value_or("");
        p.payment.atDesk = pr.text("at_desk", true);
        if (!p.payment.urlTemplate.empty() && p.payment.urlTemplate.rfind("https://", 0) != 0)
            pr.error("url_template", "l'adresse de paiement doit commencer par https://");
    }
    for (const auto* pg : r.tables("pages")) {
        TomlReader pr(*pg, path, d, "une page [[pages]]", {"id", "title", "body"});
        p.pages.push_back({pr.string("id", true).value_or(""), pr.text("title", true), pr.text("body", true), pr.line()});
        // The town's own details come from _commune.toml, never from a copy in this page.
        for (auto& [lang, body] : p.pages.back().body.byLanguage) {
            for (const auto& name : templatePlaceholders(body))
                if (name != "mairie" && name != "telephone_mairie" && name != "adresse_mairie")
                    pr.error("body", "la page utilise « {" + name + "} » : seuls {mairie}, {telephone_mairie} et {adresse_mairie} existent ici");
            body = fillTemplate(body, [&, l = lang](const std::string& n) {
                if (n == "mairie") return settings.townName.in(l);
                if (n == "telephone_mairie") return settings.phone;
                if (n == "adresse_mairie") return settings.address;
                return std::string();
            });
        }
    }
    if (p.kind == "information" && p.pages.empty()) r.error(r.line(), "une démarche « information » a besoin de [[pages]]");
    if (p.kind != "information" && p.steps.empty()) r.error(r.line(), "la démarche « " + p.id + " » n'a aucune étape [[steps]]");
    if (d.size() == before) checkProcedure(p, settings, d);
    return p;
}

}  // namespace guichet::procedures
