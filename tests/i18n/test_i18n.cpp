// gettext catalogues: compiled at build time, switched at run time, complete (every
// string the UI marks with _() is translated in every language).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/i18n/i18n.hpp"

using namespace guichet;
namespace fs = std::filesystem;

namespace {
std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// msgid -> msgstr of a .po file (single-line strings, as our catalogues are written).
std::map<std::string, std::string> readPo(const fs::path& p) {
    std::map<std::string, std::string> out;
    std::istringstream in(readFile(p));
    std::string line, id, *target = nullptr, str;
    bool plural = false;
    auto unquote = [](const std::string& s) {
        auto a = s.find('"'), b = s.rfind('"');
        std::string raw = s.substr(a + 1, b - a - 1), r;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size()) {
                ++i;
                r += raw[i] == 'n' ? '\n' : raw[i];
            } else {
                r += raw[i];
            }
        }
        return r;
    };
    std::string msgid, msgstr;
    auto flush = [&] {
        if (!msgid.empty()) out[msgid] = msgstr;
        msgid.clear();
        msgstr.clear();
    };
    while (std::getline(in, line)) {
        if (line.rfind("msgid ", 0) == 0) {
            flush();
            msgid = unquote(line);
            target = &msgid;
            plural = false;
        } else if (line.rfind("msgid_plural", 0) == 0) {
            plural = true;
            target = nullptr;
        } else if (line.rfind("msgstr", 0) == 0) {
            if (!plural || line.rfind("msgstr[0]", 0) == 0) {
                msgstr = unquote(line);
                target = &msgstr;
            } else {
                target = nullptr;
            }
        } else if (!line.empty() && line[0] == '"' && target) {
            *target += unquote(line);
        }
    }
    flush();
    (void)id;
    (void)str;
    return out;
}

// Every _("...") and N_("...") literal in the UI's sources.
std::set<std::string> markedStrings() {
    std::set<std::string> out;
    std::regex re(R"re((?:^|[^A-Za-z0-9])N?_\("((?:[^"\\]|\\.)*)"\))re");
    for (const char* dir : {"/ui", "/kiosk"}) {
        for (const auto& e : fs::recursive_directory_iterator(std::string(GUICHET_SOURCE_DIR) + dir)) {
            if (e.path().extension() != ".cpp") continue;
            std::string src = readFile(e.path());
            for (auto it = std::sregex_iterator(src.begin(), src.end(), re); it != std::sregex_iterator(); ++it) {
                std::string s = (*it)[1];
                std::string r;
                for (std::size_t i = 0; i < s.size(); ++i) {
                    if (s[i] == '\\' && i + 1 < s.size()) {
                        ++i;
                        r += s[i] == 'n' ? '\n' : s[i];
                    } else {
                        r += s[i];
                    }
                }
                if (r != "s") out.insert(r);  // the macro's own definition
            }
        }
    }
    return out;
}
}  // namespace

TEST_CASE("i18n.French is the default and the language switches at run time", "[i18n]") {
    REQUIRE(i18n::init(std::string(GUICHET_BINARY_DIR) + "/locale"));
    REQUIRE(i18n::setLanguage("fr"));
    CHECK(std::string(_("Accessibilité")) == "Accessibilité");
    REQUIRE(i18n::setLanguage("en"));
    CHECK(std::string(_("Accessibilité")) == "Accessibility");
    REQUIRE(i18n::setLanguage("de"));
    CHECK(std::string(_("Accessibilité")) == "Barrierefreiheit");
    REQUIRE(i18n::setLanguage("fr"));  // and back: glibc's cache must not keep German
    CHECK(std::string(_("Accessibilité")) == "Accessibilité");
    CHECK_FALSE(i18n::setLanguage("xx"));
    CHECK(i18n::language() == "fr");
    REQUIRE(i18n::setLanguage("es"));
    CHECK(std::string(i18n::trn("La session se termine dans %d seconde. Ce que vous avez saisi sera effacé.",
                                "La session se termine dans %d secondes. Ce que vous avez saisi sera effacé.", 5))
              .find("segundos") != std::string::npos);
    i18n::setLanguage("fr");
}

TEST_CASE("i18n.every marked string is translated in every language", "[i18n]") {
    auto marked = markedStrings();
    REQUIRE(marked.size() > 40);
    for (const auto& l : i18n::languages()) {
        if (std::string(l.code) == "fr") continue;
        auto po = readPo(std::string(GUICHET_SOURCE_DIR) + "/assets/po/" + l.code + ".po");
        for (const auto& s : marked) {
            INFO(l.code << ": \"" << s << "\"");
            auto it = po.find(s);
            CHECK(it != po.end());
            if (it != po.end()) CHECK_FALSE(it->second.empty());
        }
    }
}

TEST_CASE("i18n.a missing catalogue folder is reported, French still works", "[i18n]") {
    CHECK_FALSE(i18n::init("/nonexistent/locale"));
    i18n::setLanguage("en");
    CHECK(std::string(_("Accessibilité")) == "Accessibilité");  // falls back to the French source
    REQUIRE(i18n::init(std::string(GUICHET_BINARY_DIR) + "/locale"));
    i18n::setLanguage("fr");
}
