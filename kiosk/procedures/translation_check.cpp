#include "kiosk/procedures/translation_check.hpp"

namespace guichet::procedures {

namespace {

std::string excerpt(const std::string& fr) {
    std::string first = fr.substr(0, fr.find('\n'));
    if (first.size() <= 60) return first;
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    return first.substr(0, cut) + "…";
}

}  // namespace

void visitTexts(const Catalogue& catalogue, const std::string& settingsFile, const TextVisitor& visit) {
    visit(settingsFile, catalogue.settings.townName, "name");
    for (const auto& p : catalogue.procedures) {
        auto v = [&](const LocalizedText& t, const char* what) { visit(p.file, t, what); };
        v(p.title, "title");
        v(p.falc, "falc");
        for (const auto& s : p.steps) {
            v(s.title, "title");
            v(s.help, "help");
            for (const auto& f : s.fields) {
                v(f.label, "label");
                v(f.help, "help");
                v(f.placeholder, "placeholder");
                v(f.patternMessage, "pattern_message");
                v(f.ageMessage, "age_message");
                v(f.documentKind, "document_kind");
                v(f.fallbackLabel, "fallback_label");
                for (const auto& c : f.choices) {
                    v(c.label, "label");
                    v(c.unavailable, "unavailable");
                }
            }
        }
        for (const auto& r : p.rules) v(r.message, "message");
        v(p.receipt.title, "title");
        for (const auto& row : p.receipt.rows) v(row.label, "label");
        for (const auto& l : p.receipt.lines) v(l, "lines");
        v(p.receipt.nextSteps, "next_steps");
        for (const auto& n : p.receipt.next) v(n.text, "text");
        v(p.receipt.footer, "footer");
        v(p.payment.atDesk, "at_desk");
        for (const auto& pg : p.pages) {
            v(pg.title, "title");
            v(pg.body, "body");
        }
    }
}

void checkTranslations(const Catalogue& catalogue, const std::string& settingsFile,
                       const std::vector<std::string>& languages, Diagnostics& diags) {
    visitTexts(catalogue, settingsFile, [&](const std::string& file, const LocalizedText& t, const char* what) {
        if (t.empty()) return;  // optional text not given: nothing to translate
        for (const auto& l : languages) {
            auto it = t.byLanguage.find(l);
            if (it != t.byLanguage.end() && !it->second.empty()) continue;
            diags.push_back({file, t.line, "texte « " + std::string(what) + " » sans traduction « " + l + " » : « " + excerpt(t.fr()) + " »"});
        }
    });
}

void checkPlaceholders(const Catalogue& catalogue, const std::string& settingsFile, Diagnostics& warnings) {
    static const std::string marker = "[À COMPLÉTER]";
    visitTexts(catalogue, settingsFile, [&](const std::string& file, const LocalizedText& t, const char* what) {
        for (const auto& [lang, text] : t.byLanguage)
            if (text.find(marker) != std::string::npos) {
                warnings.push_back({file, t.line, "avertissement : texte « " + std::string(what) + " » (" + lang +
                                                      ") à compléter : « " + excerpt(text) + " »"});
                return;
            }
    });
}

}  // namespace guichet::procedures
