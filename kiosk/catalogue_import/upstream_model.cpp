#include "kiosk/catalogue_import/upstream_model.hpp"

#include <cctype>
#include <cstring>
#include <map>

namespace guichet::catalogue_import {

std::vector<const UpstreamField*> UpstreamProcedure::allFields() const {
    std::vector<const UpstreamField*> out;
    for (const auto& s : steps)
        for (const auto& f : s.fields) out.push_back(&f);
    return out;
}

namespace {

// Accented Latin letters of French (and neighbours) to their ASCII base.
const std::map<std::string, std::string>& folds() {
    static const std::map<std::string, std::string> m = {
        {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"á", "a"}, {"ã", "a"}, {"å", "a"}, {"À", "a"}, {"Â", "a"}, {"Ä", "a"},
        {"Á", "a"}, {"ç", "c"}, {"Ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"É", "e"}, {"È", "e"},
        {"Ê", "e"}, {"Ë", "e"}, {"î", "i"}, {"ï", "i"}, {"í", "i"}, {"ì", "i"}, {"Î", "i"}, {"Ï", "i"}, {"ô", "o"},
        {"ö", "o"}, {"ó", "o"}, {"ò", "o"}, {"õ", "o"}, {"Ô", "o"}, {"Ö", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"},
        {"ú", "u"}, {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"}, {"ÿ", "y"}, {"ñ", "n"}, {"Ñ", "n"}, {"œ", "oe"}, {"Œ", "oe"},
        {"æ", "ae"}, {"Æ", "ae"}, {"ß", "ss"},
    };
    return m;
}

}  // namespace

std::string slugify(const std::string& text, char sep) {
    std::string out;
    bool pendingSep = false;
    auto put = [&](const std::string& s) {
        if (pendingSep && !out.empty()) out += sep;
        pendingSep = false;
        out += s;
    };
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (std::isalnum(c)) put(std::string(1, static_cast<char>(std::tolower(c))));
            else pendingSep = true;
            ++i;
            continue;
        }
        std::size_t len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
        auto it = folds().find(text.substr(i, len));
        if (it != folds().end()) put(it->second);
        else pendingSep = true;
        i += len;
    }
    if (out.empty()) out = "champ";
    if (sep == '_' && std::isdigit(static_cast<unsigned char>(out[0]))) out = "c_" + out;
    return out;
}

std::string plainText(const std::string& html) {
    std::string text;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '<') {
            std::size_t end = html.find('>', i);
            if (end == std::string::npos) break;
            std::string tag = html.substr(i + 1, end - i - 1);
            // A paragraph or line break keeps the words apart.
            if (!tag.empty()) text += ' ';
            i = end;
            continue;
        }
        if (html[i] == '&') {
            static const std::pair<const char*, const char*> entities[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"},
                {"&nbsp;", " "}, {"&rsquo;", "’"}, {"&eacute;", "é"}, {"&egrave;", "è"}, {"&agrave;", "à"},
                {"&ccedil;", "ç"}, {"&ecirc;", "ê"}, {"&laquo;", "«"}, {"&raquo;", "»"}};
            bool matched = false;
            for (const auto& [e, v] : entities) {
                if (html.compare(i, std::strlen(e), e) == 0) {
                    text += v;
                    i += std::strlen(e) - 1;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
        }
        text += html[i];
    }
    std::string folded;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !folded.empty();
            continue;
        }
        if (space) folded += ' ';
        space = false;
        folded += c;
    }
    return folded;
}

nlohmann::json toSnapshot(const UpstreamProcedure& p) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : p.steps) {
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& f : s.fields) {
            nlohmann::json choices = nlohmann::json::array();
            for (const auto& c : f.choices) choices.push_back({{"key", c.key}, {"name", c.name}});
            fields.push_back({{"key", f.key}, {"field_id", f.fieldId}, {"source_type", f.sourceType},
                              {"varname", f.varname}, {"type", procedures::fieldTypeName(f.type)},
                              {"multiple", f.multiple}, {"required", f.required}, {"order", f.order},
                              {"label", f.label}, {"help", f.help}, {"choices", choices}, {"origin", f.origin}});
        }
        steps.push_back({{"id", s.id}, {"title", s.title}, {"title_key", s.titleKey}, {"help", s.help}, {"fields", fields}});
    }
    return {{"format", "guichet-upstream-1"}, {"source", p.source},   {"url", p.baseUrl},
            {"upstream_id", p.upstreamId},    {"id", p.id},           {"title", p.title},
            {"description", p.description},   {"group", p.group},     {"order", p.order}, {"version", p.version},
            {"notes", p.notes},               {"steps", steps}};
}

UpstreamProcedure fromSnapshot(const nlohmann::json& j) {
    UpstreamProcedure p;
    p.source = j.at("source").get<std::string>();
    p.baseUrl = j.value("url", "");
    p.upstreamId = j.at("upstream_id").get<std::string>();
    p.id = j.at("id").get<std::string>();
    p.title = j.value("title", "");
    p.description = j.value("description", "");
    p.group = j.value("group", "");
    p.order = j.value("order", 200);
    p.version = j.value("version", 1);
    p.notes = j.value("notes", std::vector<std::string>{});
    for (const auto& sj : j.at("steps")) {
        UpstreamStep s;
        s.id = sj.at("id").get<std::string>();
        s.title = sj.value("title", "");
        s.help = sj.value("help", "");
        s.titleKey = sj.value("title_key", "");
        for (const auto& fj : sj.at("fields")) {
            UpstreamField f;
            f.key = fj.at("key").get<std::string>();
            f.fieldId = fj.at("field_id").get<std::string>();
            f.sourceType = fj.value("source_type", "");
            f.varname = fj.value("varname", "");
            f.type = procedures::fieldTypeFromName(fj.value("type", "text")).value_or(procedures::FieldType::Text);
            f.multiple = fj.value("multiple", false);
            f.required = fj.value("required", true);
            f.order = fj.value("order", 0);
            f.label = fj.value("label", "");
            f.help = fj.value("help", "");
            f.origin = fj.value("origin", "");
            for (const auto& cj : fj.value("choices", nlohmann::json::array()))
                f.choices.push_back({cj.at("key").get<std::string>(), cj.value("name", "")});
            s.fields.push_back(std::move(f));
        }
        p.steps.push_back(std::move(s));
    }
    return p;
}

}  // namespace guichet::catalogue_import
