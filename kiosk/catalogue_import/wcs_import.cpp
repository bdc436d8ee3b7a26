#include "kiosk/catalogue_import/wcs_import.hpp"

#include <sodium.h>

#include <ctime>
#include <set>

#include "kiosk/catalogue_import/fetch_json.hpp"
#include "kiosk/upload/http_client.hpp"
#include "kiosk/upload/wcs_connector.hpp"

namespace guichet::catalogue_import {

namespace {

using nlohmann::json;
using procedures::FieldType;

std::string text(const json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || j[key].is_null()) return "";
    const auto& v = j[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return v.dump();
    return "";
}

// Older w.c.s. says true/false; newer says "required", "optional" or "frontoffice"
// (required where the resident fills the form: here).
bool required(const json& f) {
    if (!f.contains("required")) return false;
    const auto& v = f["required"];
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) return v.get<std::string>() == "required" || v.get<std::string>() == "frontoffice" ||
                              v.get<std::string>() == "true";
    return false;
}

std::string conditionText(const json& f) {
    if (!f.contains("condition") || !f["condition"].is_object()) return "";
    return text(f["condition"], "value");
}

// The URL with a fresh signature, as the connector signs its submissions.
std::string signedUrl(const std::string& url, const WcsImportOptions& o) {
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char nonce[33];
    sodium_bin2hex(nonce, sizeof nonce, raw, sizeof raw);
    return url + "?" + upload::WcsConnector::signedQuery(o.orig, o.key, static_cast<std::int64_t>(std::time(nullptr)), nonce);
}

}  // namespace

Result<UpstreamProcedure> wcsProcedure(const json& entry, const json& schema, const std::string& where) {
    UpstreamProcedure p;
    p.source = "wcs";
    p.upstreamId = text(entry, "slug");
    if (p.upstreamId.empty()) p.upstreamId = text(schema, "slug");
    if (p.upstreamId.empty()) p.upstreamId = text(schema, "url_name");
    if (p.upstreamId.empty()) return makeError(ErrorCode::Protocol, where + " : un formulaire n'a pas de « slug »");
    p.id = slugify(p.upstreamId, '-');
    p.title = text(entry, "title");
    if (p.title.empty()) p.title = text(schema, "name");
    p.description = plainText(text(entry, "description"));
    if (p.description.empty()) p.description = plainText(text(schema, "description"));
    p.group = text(entry, "category");
    if (!schema.is_object() || !schema.contains("fields") || !schema["fields"].is_array())
        return makeError(ErrorCode::Protocol, where + " : le schéma du formulaire « " + p.upstreamId + " » n'a pas de liste « fields »");

    std::set<std::string> ids;
    auto current = [&]() -> UpstreamStep& {
        if (p.steps.empty()) p.steps.push_back({"formulaire", p.title, "", "", {}});
        return p.steps.back();
    };
    int order = 0;
    for (const auto& f : schema["fields"]) {
        if (!f.is_object()) return makeError(ErrorCode::Protocol, where + " : un champ n'est pas un objet JSON");
        const std::string type = text(f, "type"), id = text(f, "id"), label = text(f, "label");
        const std::string cond = conditionText(f);
        if (type == "page") {
            p.steps.push_back({"page_" + slugify(id, '-'), label, "", "", {}});
            if (!cond.empty()) p.notes.push_back("page « " + label + " » : condition w.c.s. non reprise (" + cond + ")");
            continue;
        }
        if (type == "title" || type == "subtitle") {
            if (p.steps.empty() || !p.steps.back().fields.empty()) p.steps.push_back({"partie_" + slugify(id, '-'), label, "", "", {}});
            else current().help += (current().help.empty() ? "" : "\n") + plainText(label);
            continue;
        }
        if (type == "comment") {
            std::string t = plainText(label);
            if (!t.empty()) current().help += (current().help.empty() ? "" : "\n") + t;
            continue;
        }
        if (type == "computed") {
            p.notes.push_back("champ calculé « " + (text(f, "varname").empty() ? id : text(f, "varname")) +
                              " » : calculé par w.c.s., pas demandé à la borne");
            continue;
        }
        UpstreamField u;
        u.key = "field:" + id;
        u.sourceType = type;
        u.varname = text(f, "varname");
        u.fieldId = u.varname.empty() ? "champ_" + slugify(id, '-') : slugify(u.varname, '_');
        std::string base = u.fieldId;
        for (int n = 2; ids.count(u.fieldId); ++n) u.fieldId = base + "_" + std::to_string(n);
        ids.insert(u.fieldId);
        u.required = required(f);
        u.order = ++order;
        u.label = plainText(label);
        u.help = plainText(text(f, "hint"));
        if (type == "string") u.type = FieldType::Text;
        else if (type == "text") u.type = FieldType::LongText;
        else if (type == "email") u.type = FieldType::Email;
        else if (type == "date") u.type = FieldType::Date;
        else if (type == "bool") u.type = FieldType::YesNo;
        else if (type == "file") u.type = FieldType::Document;
        else if (type == "item" || type == "items") {
            u.type = FieldType::Choice;
            u.multiple = type == "items";
            if (f.contains("items") && f["items"].is_array())
                for (const auto& it : f["items"])
                    if (it.is_string() && !it.get<std::string>().empty()) u.choices.push_back({it.get<std::string>(), it.get<std::string>()});
            if (u.choices.empty()) {
                // Choices from a data source (a web service, a card list): not copied here.
                u.type = FieldType::Text;
                p.notes.push_back("champ « " + u.fieldId + " » : liste alimentée par une source de données w.c.s., "
                                  "demandée comme texte (écrivez les choix à la main si la liste est fixe)");
            }
        } else {
            return makeError(ErrorCode::Protocol, where + " : le champ « " + (label.empty() ? id : label) + " » (id " + id +
                                                      ") a le type « " + type + " », que la borne ne sait pas demander "
                                                      "(string, text, email, date, item, items, bool, file, page, title, comment)");
        }
        u.origin = "w.c.s. : formulaire « " + p.upstreamId + " », champ id " + id +
                   (u.varname.empty() ? ", sans varname" : ", varname « " + u.varname + " »") + " (" + type +
                   (u.required ? ", obligatoire" : ", facultatif") + ")";
        if (!cond.empty()) {
            u.origin += " ; condition w.c.s. non reprise : " + cond;
            p.notes.push_back("champ « " + u.fieldId + " » : condition w.c.s. non reprise (" + cond + ")");
        }
        if (u.varname.empty())
            p.notes.push_back("champ « " + u.fieldId + " » sans varname dans w.c.s. : l'API ne peut pas le recevoir, "
                              "donnez-lui un varname dans w.c.s. puis réimportez");
        current().fields.push_back(std::move(u));
    }
    // A page of comments only has nothing to ask: its text goes to the next page.
    std::vector<UpstreamStep> kept;
    std::string carried;
    for (auto& s : p.steps) {
        if (s.fields.empty()) {
            if (!s.help.empty()) carried += (carried.empty() ? "" : "\n") + s.help;
            continue;
        }
        if (!carried.empty()) s.help = carried + (s.help.empty() ? "" : "\n" + s.help);
        carried.clear();
        kept.push_back(std::move(s));
    }
    p.steps = std::move(kept);
    if (p.steps.empty()) return makeError(ErrorCode::Protocol, where + " : le formulaire « " + p.upstreamId + " » n'a aucun champ à remplir");
    return p;
}

Result<std::vector<UpstreamProcedure>> importWcs(const WcsImportOptions& o) {
    if (sodium_init() < 0) return makeError(ErrorCode::Io, "libsodium ne s'initialise pas");
    std::string base = o.baseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string listUrl = base + "/api/formdefs/";
    const std::string shownSuffix = " (requête signée, orig=" + o.orig + ")";
    auto list = fetchJson(signedUrl(listUrl, o), listUrl + shownSuffix, o.http);
    if (!list) return list.error();
    const json* data = &*list;
    if (list->is_object() && list->contains("data")) data = &(*list)["data"];
    if (list->is_object() && list->value("err", 0) != 0)
        return makeError(ErrorCode::Protocol, listUrl + " : w.c.s. a refusé : " + text(*list, "err_desc"));
    if (!data->is_array()) return makeError(ErrorCode::Protocol, listUrl + " : une liste de formulaires {\"data\": [ … ]} était attendue");
    std::set<std::string> wanted(o.only.begin(), o.only.end()), seen;
    std::vector<UpstreamProcedure> out;
    int order = 300;
    for (const auto& entry : *data) {
        if (!entry.is_object()) return makeError(ErrorCode::Protocol, listUrl + " : un formulaire n'est pas un objet JSON");
        const std::string slug = text(entry, "slug");
        if (slug.empty()) return makeError(ErrorCode::Protocol, listUrl + " : un formulaire n'a pas de « slug »");
        if (!wanted.empty() && !wanted.count(slug)) continue;
        const std::string schemaUrl = listUrl + upload::urlEncode(slug) + "/schema";
        auto schema = fetchJson(signedUrl(schemaUrl, o), schemaUrl + shownSuffix, o.http);
        if (!schema) return schema.error();
        auto p = wcsProcedure(entry, *schema, schemaUrl);
        if (!p) return p.error();
        if (seen.count(p->id)) return makeError(ErrorCode::Protocol, listUrl + " : deux formulaires donnent la même démarche « " + p->id + " »");
        seen.insert(p->id);
        p->baseUrl = base;
        p->order = order++;
        out.push_back(std::move(*p));
    }
    for (const auto& slug : wanted)
        if (!seen.count(slugify(slug, '-'))) return makeError(ErrorCode::NotFound, listUrl + " : aucun formulaire « " + slug + " » (option --only)");
    if (out.empty()) return makeError(ErrorCode::NotFound, listUrl + " : la liste des formulaires est vide");
    return out;
}

}  // namespace guichet::catalogue_import
