#include "kiosk/catalogue_import/open311_import.hpp"

#include <algorithm>
#include <set>

#include "kiosk/catalogue_import/fetch_json.hpp"
#include "kiosk/upload/http_client.hpp"

namespace guichet::catalogue_import {

namespace {

using nlohmann::json;
using procedures::FieldType;

// GeoReport values come as JSON strings or numbers ("service_code": 123), booleans as
// true or "true" (FixMyStreet writes strings).
std::string text(const json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return "";
    const auto& v = j[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number() || v.is_boolean()) return v.dump();
    return "";
}

bool flag(const json& j, const char* key, bool fallback) {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    const auto& v = j[key];
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) return v.get<std::string>() == "true";
    if (v.is_number_integer()) return v.get<long long>() != 0;
    return fallback;
}

int number(const json& j, const char* key, int fallback) {
    if (!j.contains(key)) return fallback;
    const auto& v = j[key];
    if (v.is_number_integer()) return static_cast<int>(v.get<long long>());
    if (v.is_string()) {
        try {
            return std::stoi(v.get<std::string>());
        } catch (...) {
        }
    }
    return fallback;
}

// Field ids the procedure already uses for what Open311 itself asks.
const std::set<std::string>& reserved() {
    static const std::set<std::string> r = {"description", "address_string", "suivi", "first_name",
                                            "last_name",   "email",          "phone", "service_code"};
    return r;
}

Result<UpstreamField> attributeField(const json& a, const std::string& serviceCode, const std::string& where) {
    UpstreamField f;
    std::string code = text(a, "code");
    if (code.empty()) return makeError(ErrorCode::Protocol, where + " : un attribut n'a pas de « code »");
    std::string datatype = text(a, "datatype");
    f.key = "attribute:" + code;
    f.varname = code;
    f.sourceType = datatype;
    f.fieldId = slugify(code, '_');
    if (reserved().count(f.fieldId)) f.fieldId = "attr_" + f.fieldId;
    f.required = flag(a, "required", false);
    f.order = number(a, "order", 0);
    f.label = text(a, "description");
    f.help = text(a, "datatype_description");
    if (datatype == "string") f.type = FieldType::Text;
    else if (datatype == "text") f.type = FieldType::LongText;
    else if (datatype == "number") f.type = FieldType::Number;
    else if (datatype == "datetime") f.type = FieldType::Date;
    else if (datatype == "singlevaluelist" || datatype == "multivaluelist") {
        f.type = FieldType::Choice;
        f.multiple = datatype == "multivaluelist";
        if (a.contains("values") && a["values"].is_array())
            for (const auto& v : a["values"]) {
                if (!v.is_object()) continue;
                UpstreamChoice c{text(v, "key"), text(v, "name")};
                if (c.key.empty()) continue;
                f.choices.push_back(std::move(c));
            }
        if (f.choices.empty())
            return makeError(ErrorCode::Protocol, where + " : l'attribut « " + code + " » est une liste (" + datatype +
                                                      ") sans aucune valeur « values »");
    } else {
        return makeError(ErrorCode::Protocol, where + " : l'attribut « " + code + " » a le type « " + datatype +
                                                  " », inconnu de GeoReport v2 (string, number, datetime, text, "
                                                  "singlevaluelist, multivaluelist)");
    }
    f.origin = "Open311 : service « " + serviceCode + " », attribut « " + code + " » (" + datatype + ", ordre " +
               std::to_string(f.order) + (f.required ? ", obligatoire" : ", facultatif") + ")";
    return f;
}

}  // namespace

Result<UpstreamProcedure> open311Procedure(const json& service, const json& definition, const std::string& where) {
    UpstreamProcedure p;
    p.source = "open311";
    p.upstreamId = text(service, "service_code");
    p.title = text(service, "service_name");
    p.description = text(service, "description");
    p.group = text(service, "group");
    if (p.upstreamId.empty()) return makeError(ErrorCode::Protocol, where + " : un service n'a pas de « service_code »");
    p.id = "signalement-" + slugify(p.upstreamId, '-');
    if (definition.is_null()) return p;
    if (!definition.is_object() || !definition.contains("attributes") || !definition["attributes"].is_array())
        return makeError(ErrorCode::Protocol, where + " : la définition du service « " + p.upstreamId +
                                                  " » n'a pas de liste « attributes »");
    UpstreamStep step;
    step.id = "precisions";
    step.titleKey = "precisions";
    std::vector<UpstreamField> fields;
    std::vector<std::string> information;
    std::set<std::string> ids;
    for (const auto& a : definition["attributes"]) {
        if (!a.is_object()) return makeError(ErrorCode::Protocol, where + " : un attribut n'est pas un objet JSON");
        // variable = false: information shown to the resident, not a question.
        if (!flag(a, "variable", true)) {
            if (auto d = text(a, "description"); !d.empty()) information.push_back(d);
            continue;
        }
        auto f = attributeField(a, p.upstreamId, where);
        if (!f) return f.error();
        std::string base = f->fieldId;
        for (int n = 2; ids.count(f->fieldId); ++n) f->fieldId = base + "_" + std::to_string(n);
        ids.insert(f->fieldId);
        fields.push_back(std::move(*f));
    }
    std::stable_sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
    for (const auto& i : information) step.help += (step.help.empty() ? "" : "\n") + i;
    step.fields = std::move(fields);
    if (!step.fields.empty()) p.steps.push_back(std::move(step));
    else if (!step.help.empty()) p.notes.push_back("texte d'information du service (attributs non variables) : " + step.help);
    return p;
}

Result<std::vector<UpstreamProcedure>> importOpen311(const Open311ImportOptions& o) {
    std::string base = o.baseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string query = o.jurisdictionId.empty() ? "" : "?jurisdiction_id=" + upload::urlEncode(o.jurisdictionId);
    const std::string listUrl = base + "/services.json" + query;
    auto list = fetchJson(listUrl, listUrl, o.http);
    if (!list) return list.error();
    if (!list->is_array())
        return makeError(ErrorCode::Protocol, listUrl + " : une liste de services [ … ] était attendue (GeoReport v2)");
    std::vector<UpstreamProcedure> out;
    std::set<std::string> seen, wanted(o.only.begin(), o.only.end());
    int order = 200;
    for (const auto& service : *list) {
        if (!service.is_object()) return makeError(ErrorCode::Protocol, listUrl + " : un service n'est pas un objet JSON");
        std::string code = text(service, "service_code");
        if (!wanted.empty() && !wanted.count(code)) continue;
        json definition;  // null: no metadata, nothing more to ask
        std::string where = listUrl;
        if (flag(service, "metadata", false) && !code.empty()) {
            where = base + "/services/" + upload::urlEncode(code) + ".json" + query;
            auto d = fetchJson(where, where, o.http);
            if (!d) return d.error();
            definition = std::move(*d);
        }
        auto p = open311Procedure(service, definition, where);
        if (!p) return p.error();
        if (seen.count(p->id))
            return makeError(ErrorCode::Protocol, listUrl + " : deux services donnent la même démarche « " + p->id + " »");
        seen.insert(p->id);
        p->baseUrl = base;
        p->order = order++;
        out.push_back(std::move(*p));
    }
    for (const auto& code : wanted)
        if (std::none_of(out.begin(), out.end(), [&](const auto& p) { return p.upstreamId == code; }))
            return makeError(ErrorCode::NotFound, listUrl + " : aucun service « " + code + " » (option --only)");
    if (out.empty()) return makeError(ErrorCode::NotFound, listUrl + " : la liste des services est vide");
    return out;
}

}  // namespace guichet::catalogue_import
