// The terminal's languages: gettext catalogues compiled from assets/po at build time
// (domain "guichet"), read by MoCatalogue. tr() is the one lookup, safe on any thread;
// setLanguage() switches at run time without touching the environment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace guichet::i18n {

struct Language {
    const char* code;        // "fr"
    const char* nativeName;  // "Français": a language is always named in itself
    const char* startHint;   // "Commencer en français": spoken on its attract button, in itself
};

// fr first (the default), then en es de pt it.
const std::vector<Language>& languages();
bool isSupported(std::string_view code);

// Reads catalogues from `localeDir` (holding <lang>/LC_MESSAGES/guichet.mo, loaded on first
// use) and selects C.UTF-8. Returns false when the directory has no English catalogue (the
// caller reports it).
bool init(const std::string& localeDir);
// Switches every later tr() to `code`; an unsupported code keeps the current language.
bool setLanguage(std::string_view code);
const std::string& language();

// The translation of `msgid` in the current language, or msgid itself (French source).
const char* tr(const char* msgid);
// Plural-aware: n == 1 -> singular form.
const char* trn(const char* singular, const char* plural, unsigned long n);

// The default catalogue folder: $GUICHET_LOCALE_DIR, else the build tree's, else the
// installed one.
std::string defaultLocaleDir();

}  // namespace guichet::i18n

// Marks a string for extraction (xgettext --keyword=_) and translates it.
#ifndef _
#define _(s) ::guichet::i18n::tr(s)
#endif
// Marks for extraction only (tables of msgids translated later).
#define N_(s) s
