// One language's compiled gettext catalogue (.mo), read once and looked up without the C
// library's language machinery: switching language then needs no setenv("LANGUAGE"),
// which would race with every thread reading the environment (espeak, libcurl, glibc).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace guichet::i18n {

class MoCatalogue {
public:
    // nullptr when the file is missing or not a well-formed .mo (the language then shows
    // the French source strings, as gettext would).
    static std::unique_ptr<const MoCatalogue> load(const std::string& path);

    // The translation, or nullptr. Pointers stay valid as long as the catalogue lives.
    const char* find(std::string_view msgid) const;
    const char* findPlural(std::string_view singular, unsigned long n) const;

private:
    std::string bytes_;
    std::unordered_map<std::string_view, std::string_view> entries_;  // msgid -> msgstr (forms \0-separated)
    bool pluralIsGreaterThanOne_ = false;  // "plural=(n > 1)" (French); else "(n != 1)"
};

}  // namespace guichet::i18n
