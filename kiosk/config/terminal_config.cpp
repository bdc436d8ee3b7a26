#include "kiosk/config/terminal_config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "kiosk/i18n/i18n.hpp"

namespace guichet {

namespace {

// A check failure carries the line of the offending node.
struct ConfigError {
    int line;
    std::string message;
};

int lineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

void rejectUnknownKeys(const toml::table& t, const std::set<std::string>& known, const std::string& where,
                       std::vector<ConfigError>& errors) {
    for (const auto& [key, node] : t) {
        if (!known.count(std::string(key.str())))
            errors.push_back({lineOf(node), "unknown key '" + std::string(key.str()) + "' in [" + where + "]"});
    }
}

template <class T>
bool read(const toml::table& t, const char* key, T& out, const char* typeName, std::vector<ConfigError>& errors) {
    const toml::node* n = t.get(key);
    if (!n) return false;
    if (auto v = n->value<T>()) {
        out = *v;
        return true;
    }
    errors.push_back({lineOf(*n), std::string("'") + key + "' must be " + typeName});
    return false;
}

void readRanged(const toml::table& t, const char* key, long long lo, long long hi, long long& out,
                std::vector<ConfigError>& errors) {
    long long v = out;
    if (!read<long long>(t, key, v, "an integer", errors)) return;
    if (v < lo || v > hi) {
        errors.push_back({lineOf(*t.get(key)), std::string("'") + key + "' must be between " +
                                                    std::to_string(lo) + " and " + std::to_string(hi) +
                                                    " (got " + std::to_string(v) + ")"});
        return;
    }
    out = v;
}

void readTerminal(const toml::table& t, TerminalConfig& c, std::vector<ConfigError>& errors) {
    rejectUnknownKeys(t, {"id", "town", "welcome", "default_language", "kiosk", "font_dir"}, "terminal", errors);
    read<std::string>(t, "id", c.terminalId, "a string", errors);
    if (const toml::node* town = t.get("town"))  // moved: one town, configured in one place
        errors.push_back({lineOf(*town), "'town' is no longer set here: the town is named once, in the catalogue's "
                                         "_commune.toml ([town] name), for the screens, receipts and information pages"});
    read<std::string>(t, "welcome", c.welcome, "a string", errors);
    read<std::string>(t, "font_dir", c.fontDir, "a string", errors);
    read<bool>(t, "kiosk", c.kiosk, "true or false", errors);
    std::string lang = c.defaultLanguage;
    if (read<std::string>(t, "default_language", lang, "a string", errors)) {
        if (!i18n::isSupported(lang))
            errors.push_back({lineOf(*t.get("default_language")),
                              "default_language '" + lang + "' is not one of fr en es de pt it"});
        else
            c.defaultLanguage = lang;
    }
    if (c.terminalId.empty()) errors.push_back({lineOf(t), "[terminal] id must not be empty"});
}

void readSession(const toml::table& t, TerminalConfig& c, std::vector<ConfigError>& errors) {
    rejectUnknownKeys(t, {"idle_seconds", "warning_seconds", "accessibility_factor", "allow_short_timeouts"},
                      "session", errors);
    bool allowShort = false;
    read<bool>(t, "allow_short_timeouts", allowShort, "true or false", errors);
    long long idle = c.timeouts.idle.count() / 1000, warning = c.timeouts.warning.count() / 1000;
    // A18: a resident needs at least 20 s to react to the warning. Tests may go shorter.
    readRanged(t, "idle_seconds", allowShort ? 1 : 30, 3600, idle, errors);
    readRanged(t, "warning_seconds", allowShort ? 1 : 20, 600, warning, errors);
    c.timeouts.idle = std::chrono::seconds(idle);
    c.timeouts.warning = std::chrono::seconds(warning);
    if (const toml::node* n = t.get("accessibility_factor")) {
        auto v = n->value<double>();
        if (!v || *v < 1.0 || *v > 10.0)
            errors.push_back({lineOf(*n), "'accessibility_factor' must be a number between 1 and 10"});
        else
            c.timeouts.accessibilityFactor = *v;
    }
}

void readInput(const toml::table& t, TerminalConfig& c, std::vector<ConfigError>& errors) {
    rejectUnknownKeys(t, {"debounce_ms"}, "input", errors);
    long long ms = c.debounceMs;
    readRanged(t, "debounce_ms", 0, 2000, ms, errors);  // A16: adjustable up to 2 s
    c.debounceMs = static_cast<int>(ms);
}

void readInformation(const toml::node& node, TerminalConfig& c, std::vector<ConfigError>& errors) {
    const toml::array* pages = node.as_array();
    if (!pages) {
        errors.push_back({lineOf(node), "'information' must be an array of tables ([[information]])"});
        return;
    }
    for (const auto& p : *pages) {
        const toml::table* t = p.as_table();
        if (!t) {
            errors.push_back({lineOf(p), "each [[information]] entry must be a table"});
            continue;
        }
        rejectUnknownKeys(*t, {"title", "body"}, "information", errors);
        InformationPage page;
        read<std::string>(*t, "title", page.title, "a string", errors);
        read<std::string>(*t, "body", page.body, "a string", errors);
        if (page.title.empty()) errors.push_back({lineOf(*t), "[[information]] needs a non-empty title"});
        c.information.push_back(std::move(page));
    }
}

}  // namespace

TerminalConfig TerminalConfig::defaults() {
    TerminalConfig c;
    c.information = {
        {"Horaires d'ouverture", "Du lundi au vendredi : 8 h 30 – 12 h et 13 h 30 – 17 h.\n\nLe samedi : 9 h – 12 h."},
    };
    c.table = std::make_shared<toml::table>();
    return c;
}

Result<TerminalConfig> parseTerminalConfig(const std::string& text, const std::string& name) {
    TerminalConfig c = TerminalConfig::defaults();
    c.information.clear();
    c.sourcePath = name;
    toml::table root;
    try {
        root = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        return makeError(ErrorCode::InvalidArgument, name + ":" + std::to_string(e.source().begin.line) + ": " +
                                                         std::string(e.description()));
    }
    std::vector<ConfigError> errors;
    auto section = [&](const char* key, auto&& reader) {
        if (const toml::node* n = root.get(key)) {
            if (const toml::table* t = n->as_table())
                reader(*t, c, errors);
            else
                errors.push_back({lineOf(*n), std::string("'") + key + "' must be a table ([" + key + "])"});
        }
    };
    section("terminal", readTerminal);
    section("session", readSession);
    section("input", readInput);
    if (const toml::node* n = root.get("information")) readInformation(*n, c, errors);
    if (c.information.empty()) c.information = TerminalConfig::defaults().information;
    if (!errors.empty()) {
        std::sort(errors.begin(), errors.end(), [](auto& a, auto& b) { return a.line < b.line; });
        std::string all;
        for (const auto& e : errors) {
            if (!all.empty()) all += '\n';
            all += name + ":" + std::to_string(e.line) + ": " + e.message;
        }
        return makeError(ErrorCode::InvalidArgument, all);
    }
    c.table = std::make_shared<toml::table>(std::move(root));
    return c;
}

Result<TerminalConfig> loadTerminalConfig(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError(ErrorCode::NotFound, path + ":0: cannot read the file (missing or not readable)");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path + ":0: cannot read the file (missing or not readable)");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return makeError(ErrorCode::Io, path + ":0: read error");
    return parseTerminalConfig(ss.str(), path);
}

}  // namespace guichet
