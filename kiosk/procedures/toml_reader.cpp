#include "kiosk/procedures/toml_reader.hpp"

#include <algorithm>

namespace guichet::procedures {

namespace {
const char* typeWord(const toml::node& n) {
    if (n.is_string()) return "un texte";
    if (n.is_integer()) return "un nombre entier";
    if (n.is_floating_point()) return "un nombre";
    if (n.is_boolean()) return "true/false";
    if (n.is_table()) return "une table";
    if (n.is_array()) return "une liste";
    return "une date TOML";
}

int editDistance(const std::string& a, const std::string& b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
}  // namespace

std::string nearestKey(const std::string& key, const std::set<std::string>& candidates) {
    std::string best;
    int bestD = 3;
    for (const auto& c : candidates) {
        int d = editDistance(key, c);
        if (d < bestD) { bestD = d; best = c; }
    }
    return best;
}

TomlReader::TomlReader(const toml::table& table, std::string file, Diagnostics& diags, std::string context,
                       std::initializer_list<const char*> allowedKeys)
    : table_(table), file_(std::move(file)), diags_(diags), context_(std::move(context)) {
    std::set<std::string> allowed;
    for (const char* k : allowedKeys) allowed.insert(k);
    for (auto&& [k, v] : table_) {
        std::string key(k.str());
        if (allowed.count(key)) continue;
        std::string hint = nearestKey(key, allowed);
        error(static_cast<int>(k.source().begin.line ? k.source().begin.line : v.source().begin.line),
              "clé inconnue « " + key + " » dans " + context_ + (hint.empty() ? "" : " (vouliez-vous dire « " + hint + " » ?)"));
    }
}

int TomlReader::lineOf(const char* key) const {
    if (const toml::node* n = table_.get(key)) {
        int l = static_cast<int>(n->source().begin.line);
        if (l > 0) return l;
    }
    return line();
}

void TomlReader::error(int l, std::string message) const { diags_.push_back({file_, l, std::move(message)}); }

std::optional<std::string> TomlReader::string(const char* key, bool required) const {
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required) error(line(), "clé « " + std::string(key) + " » manquante dans " + context_);
        return std::nullopt;
    }
    if (!n->is_string()) {
        error(key, "« " + std::string(key) + " » doit être un texte entre guillemets, pas " + typeWord(*n));
        return std::nullopt;
    }
    return n->value<std::string>();
}

std::optional<long long> TomlReader::integer(const char* key, bool required) const {
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required) error(line(), "clé « " + std::string(key) + " » manquante dans " + context_);
        return std::nullopt;
    }
    if (!n->is_integer()) {
        error(key, "« " + std::string(key) + " » doit être un nombre entier, pas " + typeWord(*n));
        return std::nullopt;
    }
    return n->value<long long>();
}

std::optional<double> TomlReader::number(const char* key) const {
    const toml::node* n = table_.get(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) {
        error(key, "« " + std::string(key) + " » doit être un nombre, pas " + typeWord(*n));
        return std::nullopt;
    }
    return n->value<double>();
}

std::optional<bool> TomlReader::boolean(const char* key) const {
    const toml::node* n = table_.get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
        error(key, "« " + std::string(key) + " » doit valoir true ou false, pas " + typeWord(*n));
        return std::nullopt;
    }
    return n->value<bool>();
}

LocalizedText TomlReader::text(const char* key, bool required) const {
    LocalizedText t;
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required) error(line(), "texte « " + std::string(key) + " » manquant dans " + context_);
        return t;
    }
    t.line = lineOf(key);
    if (n->is_string()) {
        t.byLanguage["fr"] = *n->value<std::string>();
    } else if (const toml::table* tt = n->as_table()) {
        for (auto&& [lang, v] : *tt) {
            std::string l(lang.str());
            if (l.size() != 2 || !std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
                error(static_cast<int>(v.source().begin.line), "langue « " + l + " » inconnue dans « " + key + " » (code à 2 lettres : fr, en, ar…)");
                continue;
            }
            if (!v.is_string()) {
                error(static_cast<int>(v.source().begin.line), "le texte « " + std::string(key) + "." + l + " » doit être entre guillemets");
                continue;
            }
            t.byLanguage[l] = *v.value<std::string>();
        }
    } else {
        error(key, "« " + std::string(key) + " » doit être un texte ou une table de langues { fr = \"…\" }, pas " + typeWord(*n));
        return t;
    }
    auto fr = t.byLanguage.find("fr");
    if (fr == t.byLanguage.end() || fr->second.empty())
        error(key, "texte en français manquant pour « " + std::string(key) + " » dans " + context_ + " (le français est obligatoire)");
    return t;
}

std::vector<std::string> TomlReader::stringList(const char* key) const {
    std::vector<std::string> out;
    const toml::node* n = table_.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) {
        error(key, "« " + std::string(key) + " » doit être une liste [\"…\", \"…\"], pas " + typeWord(*n));
        return out;
    }
    for (const auto& item : *a) {
        if (!item.is_string()) {
            error(static_cast<int>(item.source().begin.line ? item.source().begin.line : lineOf(key)),
                  "« " + std::string(key) + " » ne doit contenir que des textes");
            continue;
        }
        out.push_back(*item.value<std::string>());
    }
    return out;
}

ConditionPtr TomlReader::condition(const char* key) const {
    auto s = string(key);
    if (!s) return nullptr;
    std::string err;
    auto c = Condition::parse(*s, err);
    if (!c) {
        error(key, "condition « " + *s + " » illisible : " + err);
        return nullptr;
    }
    return ConditionPtr(std::move(c));
}

std::vector<const toml::table*> TomlReader::tables(const char* key) const {
    std::vector<const toml::table*> out;
    const toml::node* n = table_.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) {
        error(key, "« " + std::string(key) + " » doit être une liste de tables [[" + key + "]]");
        return out;
    }
    for (const auto& item : *a) {
        if (const toml::table* t = item.as_table()) out.push_back(t);
        else error(key, "« " + std::string(key) + " » ne doit contenir que des tables");
    }
    return out;
}

const toml::table* TomlReader::subtable(const char* key) const {
    const toml::node* n = table_.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) {
        error(key, "« " + std::string(key) + " » doit être une table [" + key + "]");
        return nullptr;
    }
    return n->as_table();
}

}  // namespace guichet::procedures
