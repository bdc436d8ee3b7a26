#include "kiosk/i18n/i18n.hpp"

#include <atomic>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "kiosk/i18n/mo_catalogue.hpp"

namespace guichet::i18n {

namespace {
constexpr const char* kDomain = "guichet";
std::string& current() {
    static std::string lang = "fr";
    return lang;
}
// The catalogues are read once and never freed, so that a pointer tr() returned stays good
// whatever the language becomes; tr() on any thread reads one atomic pointer.
struct Catalogues {
    std::mutex mutex;
    std::string dir;
    std::map<std::string, std::unique_ptr<const MoCatalogue>, std::less<>> loaded;
};
Catalogues& catalogues() {
    static Catalogues* c = new Catalogues();  // never destroyed: threads may still translate at exit
    return *c;
}
std::atomic<const MoCatalogue*> active{nullptr};

const MoCatalogue* catalogueFor(std::string_view code) {
    auto& c = catalogues();
    std::lock_guard lock(c.mutex);
    auto it = c.loaded.find(code);
    if (it == c.loaded.end()) {
        auto path = std::filesystem::path(c.dir) / std::string(code) / "LC_MESSAGES" / (std::string(kDomain) + ".mo");
        it = c.loaded.emplace(std::string(code), MoCatalogue::load(path.string())).first;
    }
    return it->second.get();
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
#if defined(GUICHET_DATADIR)  // installed by the Debian package: never a build tree's files
    return GUICHET_DATADIR "/locale";
#elif defined(GUICHET_BUILD_LOCALE_DIR)
    if (std::filesystem::exists(GUICHET_BUILD_LOCALE_DIR)) return GUICHET_BUILD_LOCALE_DIR;
#endif
    return "/usr/share/locale";
}

bool init(const std::string& localeDir) {
    // UTF-8 for the C library's character functions; C.UTF-8 always exists on Debian.
    if (!std::setlocale(LC_ALL, "C.UTF-8")) std::setlocale(LC_ALL, "");
    // Numbers and dates are formatted by the UI, never by the C library.
    std::setlocale(LC_NUMERIC, "C");
    {
        auto& c = catalogues();
        std::lock_guard lock(c.mutex);
        c.dir = localeDir;
        c.loaded.clear();  // only before any language is active (start-up, tests)
    }
    active = nullptr;
    setLanguage(current());
    std::error_code ec;
    // French is the source language; English proves that catalogues are really there.
    return std::filesystem::exists(std::filesystem::path(localeDir) / "en/LC_MESSAGES/guichet.mo", ec);
}

bool setLanguage(std::string_view code) {
    if (!isSupported(code)) return false;
    current() = std::string(code);
    // French is the source language: no catalogue, msgids are the text.
    active = code == "fr" ? nullptr : catalogueFor(code);
    return true;
}

const std::string& language() { return current(); }

const char* tr(const char* msgid) {
    const MoCatalogue* c = active.load(std::memory_order_acquire);
    const char* t = c && *msgid ? c->find(msgid) : nullptr;
    return t ? t : msgid;
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
    const MoCatalogue* c = active.load(std::memory_order_acquire);
    if (const char* t = c ? c->findPlural(singular, n) : nullptr) return t;
    return n == 1 ? singular : plural;
}

}  // namespace guichet::i18n
