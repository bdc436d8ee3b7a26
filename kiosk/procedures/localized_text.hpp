// A text of the catalogue in French and, optionally, other languages. French is always
// there (the loader refuses a file without it); a missing translation falls back to the
// French text and says so, so the screen can mark it — never a key or an empty label.
#pragma once

#include <map>
#include <string>

namespace guichet::procedures {

struct ResolvedText {
    std::string text;
    std::string language;  // the language of `text`
    bool fallback = false; // true when the asked language was missing and French is shown
};

struct LocalizedText {
    std::map<std::string, std::string> byLanguage;  // "fr" -> "…", "en" -> "…"
    int line = 0;                                   // where the catalogue defines it (checks)

    bool empty() const { return byLanguage.empty(); }
    const std::string& fr() const;
    ResolvedText resolve(const std::string& language) const;
    // Shorthand for resolve(language).text.
    std::string in(const std::string& language) const { return resolve(language).text; }
    static LocalizedText french(std::string t) { return LocalizedText{{{"fr", std::move(t)}}}; }
};

}  // namespace guichet::procedures
