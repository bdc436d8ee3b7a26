#include "kiosk/catalogue_import/reimport_diff.hpp"

#include <map>
#include <set>

namespace guichet::catalogue_import {

namespace {

std::string typeText(const UpstreamField& f) {
    std::string t = procedures::fieldTypeName(f.type);
    if (f.multiple) t += " (plusieurs)";
    return t;
}

std::string name(const UpstreamField& f) {
    return "« " + f.fieldId + " » (" + (f.varname.empty() ? f.key : f.varname) + ")";
}

}  // namespace

std::vector<UpstreamChange> diffUpstream(const UpstreamProcedure& before, const UpstreamProcedure& now) {
    using K = UpstreamChange::Kind;
    std::vector<UpstreamChange> out;
    if (before.title != now.title)
        out.push_back({K::Title, "", "titre changé en amont : « " + before.title + " » → « " + now.title + " » (le titre de la mairie est gardé)"});
    std::map<std::string, const UpstreamField*> old;
    for (const auto* f : before.allFields()) old[f->key] = f;
    std::set<std::string> present;
    for (const auto* f : now.allFields()) {
        present.insert(f->key);
        auto it = old.find(f->key);
        if (it == old.end()) {
            out.push_back({K::Added, f->fieldId, "+ champ ajouté " + name(*f) + " : " + f->sourceType + " (à la borne : " + typeText(*f) + ")" +
                                                     (f->required ? ", obligatoire" : ", facultatif") + ", « " + f->label + " »"});
            continue;
        }
        const UpstreamField& o = *it->second;
        if (o.sourceType != f->sourceType || o.type != f->type || o.multiple != f->multiple)
            out.push_back({K::Retyped, o.fieldId, "~ champ " + name(o) + " : type changé en amont, " + o.sourceType + " devient " +
                                                      f->sourceType + " (à la borne : " + typeText(o) + " → " + typeText(*f) + ")"});
        if (o.required != f->required)
            out.push_back({K::Required, o.fieldId, "~ champ " + name(o) + " : " + (f->required ? "devient obligatoire" : "devient facultatif")});
        if (o.label != f->label)
            out.push_back({K::Relabelled, o.fieldId, "~ champ " + name(o) + " : libellé changé en amont, « " + o.label + " » → « " +
                                                        f->label + " » (le libellé de la mairie est gardé)"});
        // A list that stopped being one: its choices went with it, said once above.
        if (o.choices.empty() || f->choices.empty()) continue;
        std::set<std::string> was, is;
        for (const auto& c : o.choices) was.insert(c.key);
        for (const auto& c : f->choices) is.insert(c.key);
        for (const auto& c : f->choices)
            if (!was.count(c.key)) out.push_back({K::Choices, o.fieldId, "~ champ " + name(o) + " : choix ajouté « " + c.key + " » (" + c.name + ")"});
        for (const auto& c : o.choices)
            if (!is.count(c.key)) out.push_back({K::Choices, o.fieldId, "~ champ " + name(o) + " : choix retiré « " + c.key + " »"});
    }
    for (const auto* f : before.allFields())
        if (!present.count(f->key))
            out.push_back({K::Removed, f->fieldId, "- champ retiré en amont " + name(*f) + " : à enlever du fichier (" +
                                                     (now.source == "wcs" ? std::string("w.c.s.") : std::string("Open311")) + " ne l'attend plus)"});
    return out;
}

}  // namespace guichet::catalogue_import
