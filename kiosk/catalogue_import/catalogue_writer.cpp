#include "kiosk/catalogue_import/catalogue_writer.hpp"

#include <cstdio>
#include <sstream>

#include "kiosk/catalogue_import/fixed_texts.hpp"

namespace guichet::catalogue_import {

using procedures::FieldType;

std::string tomlQuote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

namespace {

// One comment line per line of text (an upstream text may hold newlines).
void comment(std::ostringstream& o, const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) o << "# " << line << "\n";
}

void fixed(std::ostringstream& o, const std::string& key, const std::string& textKey) {
    for (const auto& [lang, t] : fixedText(textKey)) o << key << "." << lang << " = " << tomlQuote(t) << "\n";
}

// An upstream text: French only, or the placeholder when the back office gave none.
void upstream(std::ostringstream& o, const std::string& key, const std::string& text, const std::string& missing) {
    o << key << ".fr = " << tomlQuote(text.empty() ? std::string(kToComplete) + " " + missing : text) << "\n";
}

void writeField(std::ostringstream& o, const UpstreamField& f) {
    o << "\n";
    comment(o, f.origin);
    o << "[[steps.fields]]\n";
    o << "id = " << tomlQuote(f.fieldId) << "\n";
    o << "type = " << tomlQuote(procedures::fieldTypeName(f.type)) << "\n";
    upstream(o, "label", f.label, "question « " + (f.varname.empty() ? f.fieldId : f.varname) + " » sans libellé en amont");
    if (!f.help.empty()) upstream(o, "help", f.help, "");
    o << "required = " << (f.required ? "true" : "false") << "\n";
    if (f.type == FieldType::Number) o << "integer = false\n";
    if (f.type == FieldType::Document) {
        upstream(o, "document_kind", f.label, "quel document scanner");
        o << "max_pages = 4\n";
    }
    if (f.type == FieldType::Choice) {
        if (f.multiple) o << "multiple = true\n";
        for (const auto& c : f.choices) {
            o << "[[steps.fields.choices]]\n";
            o << "value = " << tomlQuote(c.key) << "\n";
            upstream(o, "label", c.name, "choix « " + c.key + " » sans libellé en amont");
        }
    }
}

void writeUpstreamStep(std::ostringstream& o, const UpstreamStep& s) {
    o << "\n[[steps]]\n";
    o << "id = " << tomlQuote(s.id) << "\n";
    if (!s.titleKey.empty()) fixed(o, "title", s.titleKey);
    else upstream(o, "title", s.title, "titre de l'étape");
    if (!s.help.empty()) upstream(o, "help", s.help, "");
    for (const auto& f : s.fields) writeField(o, f);
}

void fixedField(std::ostringstream& o, const std::string& id, const std::string& type, const std::string& textKey,
                const std::string& extra) {
    o << "\n[[steps.fields]]\n";
    o << "id = " << tomlQuote(id) << "\n";
    o << "type = " << tomlQuote(type) << "\n";
    fixed(o, "label", textKey);
    o << extra;
}

// What Open311 itself needs: where (address_string), what (description), and who, if the
// resident wants to hear back (first_name, last_name, email, phone).
void writeOpen311Steps(std::ostringstream& o) {
    o << "\n# Ajouté par l'import : Open311 demande un lieu (address_string).\n";
    o << "[[steps]]\nid = \"ou\"\n";
    fixed(o, "title", "ou.title");
    fixed(o, "help", "ou.help");
    fixedField(o, "address_string", "long_text", "address.label", "min_length = 5\nmax_length = 200\n");

    o << "\n# Ajouté par l'import : la description de la demande Open311 (description).\n";
    o << "[[steps]]\nid = \"description\"\n";
    fixed(o, "title", "description.title");
    std::ostringstream extra;
    fixed(extra, "placeholder", "description.placeholder");
    extra << "min_length = 10\nmax_length = 1000\n";
    fixedField(o, "description", "long_text", "description.label", extra.str());

    o << "\n# Ajouté par l'import : qui prévenir (first_name, last_name, email, phone d'Open311).\n";
    o << "[[steps]]\nid = \"contact\"\n";
    fixed(o, "title", "contact.title");
    fixedField(o, "suivi", "yes_no", "suivi.label", "");
    fixedField(o, "first_name", "text", "first_name.label", "check = \"prenom\"\ncondition = \"suivi\"\n");
    fixedField(o, "last_name", "text", "last_name.label", "check = \"nom\"\ncondition = \"suivi\"\n");
    fixedField(o, "email", "email", "email.label", "condition = \"suivi\"\nrequired = false\n");
    fixedField(o, "phone", "phone", "phone.label", "condition = \"suivi\"\nrequired = false\n");
    o << "\n[[rules]]\nfield = \"phone\"\nwhen = \"suivi\"\nrequire = \"answered(email) or answered(phone)\"\n";
    fixed(o, "message", "contact.rule");
}

}  // namespace

std::string procedureToml(const UpstreamProcedure& p) {
    std::ostringstream o;
    const bool open311 = p.source == "open311";
    o << "# Importé par « guichetctl catalogue import " << p.source << " » depuis " << p.baseUrl << "\n";
    if (open311)
        o << "# Service Open311 « " << p.upstreamId << " »" << (p.group.empty() ? "" : " (groupe « " + p.group + " »)") << ".\n";
    else
        o << "# Formulaire w.c.s. « " << p.upstreamId << " »" << (p.group.empty() ? "" : " (catégorie « " + p.group + " »)") << ".\n";
    o << "# L'état de l'amont est gardé dans " << p.id << ".upstream.json (ne pas le modifier) : un nouvel\n"
         "# import le compare à l'amont et écrit import-report.txt au lieu d'écraser ce fichier\n"
         "# s'il a été modifié. À faire à la main : le texte FALC, les traductions (en es de pt it)\n"
         "# des textes de l'amont, et chaque texte marqué [À COMPLÉTER].\n";
    if (!p.description.empty()) {
        o << "# Description en amont :\n";
        comment(o, "  " + p.description);
    }
    for (const auto& n : p.notes) comment(o, "Non repris : " + n);
    o << "id = " << tomlQuote(p.id) << "\n";
    o << "version = " << p.version << "\n";
    o << "order = " << p.order << "\n";
    o << "icon = " << tomlQuote(open311 ? "alert" : "document") << "\n";
    o << "connector = " << tomlQuote(p.source) << "\n";
    upstream(o, "title", p.title, "titre de la démarche « " + p.upstreamId + " »");
    // FALC is the town's own writing: a placeholder, never the back office's prose.
    o << "falc.fr = " << tomlQuote(std::string(kToComplete) + " Expliquez en phrases courtes : " +
                                   (p.title.empty() ? p.upstreamId : p.title) + ".")
      << "\n";
    for (const auto& s : p.steps) writeUpstreamStep(o, s);
    if (open311) writeOpen311Steps(o);
    o << "\n[receipt]\n";
    fixed(o, "title", "receipt.title");
    fixed(o, "next_steps", "receipt.next_steps");
    if (open311) {
        o << "[[receipt.rows]]\nvalue = \"{address_string}\"\n";
        fixed(o, "label", "receipt.place");
    }
    return o.str();
}

std::string routingToml(const std::vector<UpstreamProcedure>& procedures, const RoutingOptions& r) {
    std::ostringstream o;
    o << "# Fragment de outbox.toml écrit par « guichetctl catalogue import " << r.source << " ».\n"
         "# Recopiez-le dans config/outbox.toml (" << (r.source == "open311" ? "api_key" : "key") << " à remplir), puis vérifiez :\n"
         "#   guichetctl catalogue check DOSSIER --outbox DOSSIER/_outbox-" << r.source << ".toml --languages fr\n"
         "# Réécrit à chaque import : ne le modifiez pas ici.\n";
    o << "[routes]\n";
    for (const auto& p : procedures) o << tomlQuote(p.id) << " = " << tomlQuote(r.source) << "\n";
    if (r.source == "open311") {
        o << "\n[connectors.open311]\nurl = " << tomlQuote(r.baseUrl) << "\n";
        o << "api_key = \"A-REMPLIR\"\n";
        if (!r.jurisdictionId.empty()) o << "jurisdiction_id = " << tomlQuote(r.jurisdictionId) << "\n";
        for (const auto& p : procedures) {
            o << "\n[connectors.open311.services." << tomlQuote(p.id) << "]\n";
            o << "service_code = " << tomlQuote(p.upstreamId) << "\n";
            o << "fields = { description = \"description\", address_string = \"address_string\", first_name = \"first_name\", "
                 "last_name = \"last_name\", email = \"email\", phone = \"phone\" }\n";
            o << "attributes = {";
            bool first = true;
            for (const auto* f : p.allFields()) {
                o << (first ? " " : ", ") << tomlQuote(f->varname) << " = " << tomlQuote(f->fieldId);
                first = false;
            }
            o << (first ? "}" : " }") << "\n";
        }
    } else {
        o << "\n[connectors.wcs]\nurl = " << tomlQuote(r.baseUrl) << "\norig = " << tomlQuote(r.orig) << "\n";
        o << "key = \"A-REMPLIR\"   # la clé partagée avec Publik (jamais écrite par l'import)\n";
        o << "formdefs = {";
        bool first = true;
        for (const auto& p : procedures) {
            o << (first ? " " : ", ") << tomlQuote(p.id) << " = " << tomlQuote(p.upstreamId);
            first = false;
        }
        o << (first ? "}" : " }") << "\n";
        for (const auto& p : procedures) {
            o << "\n# réponse de la borne = varname du champ w.c.s. (chaque document a sa place)\n";
            o << "[connectors.wcs.fields." << tomlQuote(p.id) << "]\n";
            for (const auto* f : p.allFields())
                if (!f->varname.empty()) o << tomlQuote(f->fieldId) << " = " << tomlQuote(f->varname) << "\n";
        }
    }
    return o.str();
}

std::string starterCommuneToml() {
    std::ostringstream o;
    o << "# Écrit par « guichetctl catalogue import » parce que ce dossier n'en avait pas : le nom de\n"
         "# la mairie, son téléphone, ses codes postaux et ses calendriers (docs/procedures.md).\n"
         "[town]\n";
    o << "name.fr = " << tomlQuote(std::string(kToComplete) + " Mairie de …") << "\n";
    return o.str();
}

}  // namespace guichet::catalogue_import
