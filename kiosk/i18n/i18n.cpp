#include "kiosk/i18n/i18n.hpp"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>

extern "C" int _nl_msg_cat_cntr;  // glibc: bump to drop gettext's cache after LANGUAGE changes

namespace guichet::i18n {

namespace {
constexpr const char* kDomain = "guichet";
std::string& current() {
    static std::string lang = "fr";
    return lang;
}
}  // namespace

const std::vector<Language>& languages() {
    static const std::vector<Language> list = {
        {"fr", "Français", "Commencer en français"}, {"en", "English", "Start in English"},
        {"es", "Español", "Empezar en español"},     {"de", "Deutsch", "Auf Deutsch beginnen"},
        {"pt", "Português", "Começar em português"}, {"it", "Italiano", "Iniziare in italiano"},
    };
    return list;
}

bool isSupported(std::string_view code) {
    for (const auto& l : languages())
        if (code == l.code) return true;
    return false;
}

std::string defaultLocaleDir() {
    if (const char* env = std::getenv("GUICHET_LOCALE_DIR"); env && *env) return env;
#ifdef GUICHET_BUILD_LOCALE_DIR
    if (std::filesystem::exists(GUICHET_BUILD_LOCALE_DIR)) return GUICHET_BUILD_LOCALE_DIR;
#endif
    return "/usr/share/locale";
}

bool init(const std::string& localeDir) {
    // With the C locale gettext ignores LANGUAGE; C.UTF-8 always exists on Debian.
    if (!std::setlocale(LC_ALL, "C.UTF-8")) std::setlocale(LC_ALL, "");
    // Numbers and dates are formatted by the UI, never by the C library.
    std::setlocale(LC_NUMERIC, "C");
    bindtextdomain(kDomain, localeDir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    textdomain(kDomain);
    setLanguage(current());
    std::error_code ec;
    // French is the source language; English proves that catalogues are really there.
    return std::filesystem::exists(std::filesystem::path(localeDir) / "en/LC_MESSAGES/guichet.mo", ec);
}

bool setLanguage(std::string_view code) {
    if (!isSupported(code)) return false;
    current() = std::string(code);
    setenv("LANGUAGE", current().c_str(), 1);
    ++_nl_msg_cat_cntr;
    return true;
}

const std::string& language() { return current(); }

const char* tr(const char* msgid) { return dgettext(kDomain, msgid); }

const char* trn(const char* singular, const char* plural, unsigned long n) {
    return dngettext(kDomain, singular, plural, n);
}

}  // namespace guichet::i18n
