#include "kiosk/card/reader_choice.hpp"

#include <algorithm>
#include <cctype>

namespace guichet::card {

namespace {

bool hex4(std::string_view s) {
    return s.size() == 4 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

bool portPath(std::string_view s) {
    // "1-4", "1-4.2": digits, one '-', then digits separated by dots.
    auto dash = s.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash + 1 >= s.size()) return false;
    if (!std::all_of(s.begin(), s.begin() + static_cast<long>(dash), [](unsigned char c) { return std::isdigit(c) != 0; }))
        return false;
    char prev = '-';
    for (char c : s.substr(dash + 1)) {
        if (c == '.' && prev == '.') return false;
        if (c != '.' && !std::isdigit(static_cast<unsigned char>(c))) return false;
        prev = c;
    }
    return prev != '.';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

bool isReaderSelector(std::string_view s) {
    if (!s.starts_with("usb:")) return false;
    s.remove_prefix(4);
    auto at = s.find('@');
    std::string_view ids = s.substr(0, at);
    if (ids.size() != 9 || ids[4] != ':' || !hex4(ids.substr(0, 4)) || !hex4(ids.substr(5))) return false;
    return at == std::string_view::npos || portPath(s.substr(at + 1));
}

bool readerMatches(std::string_view selector, std::string_view deviceId) {
    if (selector.empty()) return false;
    const std::string sel = lower(selector), id = lower(deviceId);
    if (sel.find('@') != std::string::npos) return sel == id;
    return id.starts_with(sel) && id.size() > sel.size() && id[sel.size()] == '@';
}

ReaderChoice chooseReader(const std::vector<std::string>& present, const std::string& configured,
                          const std::string& current) {
    ReaderChoice c;
    auto has = [&](const std::string& id) { return std::find(present.begin(), present.end(), id) != present.end(); };
    auto configuredHere = std::find_if(present.begin(), present.end(),
                                       [&](const std::string& id) { return readerMatches(configured, id); });
    if (configuredHere != present.end()) c.inUse = *configuredHere;
    else if (!current.empty() && has(current)) c.inUse = current;
    else if (!present.empty()) c.inUse = present.front();

    const bool byConfig = configuredHere != present.end();
    for (const auto& id : present) {
        if (id == c.inUse) continue;
        std::string why;
        if (byConfig)
            why = "le lecteur configuré est prioritaire (reader = \"" + configured + "\" dans [card]), celui-ci n'est pas utilisé";
        else
            why = "un autre lecteur est déjà utilisé (" + c.inUse +
                  ") ; pour utiliser celui-ci, indiquez reader = \"" + id + "\" dans [card] et redémarrez la borne";
        c.ignored.push_back({id, std::move(why)});
    }
    return c;
}

}  // namespace guichet::card
