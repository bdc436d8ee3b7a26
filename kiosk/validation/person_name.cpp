#include "kiosk/validation/person_name.hpp"

#include <vector>

#include "kiosk/validation/utf8.hpp"

namespace guichet::validation {

namespace {
bool isNameLetter(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) return true;  // Latin-1 letters
    if (c >= 0x100 && c <= 0x24F) return true;                            // Latin Extended-A/B (œ, ł, ş…)
    if (c >= 0x1E00 && c <= 0x1EFF) return true;                          // Latin Extended Additional (ễ)
    return false;
}
bool isSeparator(char32_t c) { return c == ' ' || c == '-' || c == '\'' || c == 0x2019; }
}  // namespace

Check checkPersonName(std::string_view text, std::string_view what) {
    std::string w(what);
    std::vector<char32_t> cps;
    if (!decodeUtf8(text, cps)) return Check::bad(w + " contient un caractère illisible. Effacez-le et écrivez-le à nouveau.");
    // Trim and collapse spaces first: a stray space is not the resident's mistake to fix.
    std::vector<char32_t> v;
    for (char32_t c : cps) {
        if (c == '\t') c = ' ';
        if (c == ' ' && (v.empty() || v.back() == ' ')) continue;
        v.push_back(c == 0x2019 ? char32_t('\'') : c);
    }
    while (!v.empty() && v.back() == ' ') v.pop_back();
    if (v.empty()) return Check::bad(w + " est vide. Écrivez-le comme sur la pièce d'identité.");
    // " - " and " ' " become "-" and "'": a stray space is not worth an error either.
    std::vector<char32_t> n;
    for (std::size_t i = 0; i < v.size(); ++i) {
        bool nextIsJoin = i + 1 < v.size() && (v[i + 1] == '-' || v[i + 1] == '\'');
        bool prevIsJoin = !n.empty() && (n.back() == '-' || n.back() == '\'');
        if (v[i] == ' ' && (nextIsJoin || prevIsJoin)) continue;
        n.push_back(v[i]);
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
        char32_t c = n[i];
        if (c >= '0' && c <= '9')
            return Check::bad(w + " ne peut pas contenir de chiffres. Écrivez-le en lettres, comme sur la pièce d'identité.");
        if (isNameLetter(c)) continue;
        if (!isSeparator(c))
            return Check::bad(w + " ne peut contenir que des lettres, des accents, des tirets (-), des apostrophes (') et des espaces.");
        if (i == 0) return Check::bad(w + " doit commencer par une lettre.");
        if (isSeparator(n[i - 1]))
            return Check::bad(w + " contient deux signes à la suite. Gardez un seul tiret ou une seule apostrophe : Jean-Pierre, N'Diaye.");
    }
    if (isSeparator(n.back())) return Check::bad(w + " doit finir par une lettre.");
    if (n.size() > 80) return Check::bad(w + " est trop long (80 caractères au plus). Écrivez-le comme sur l'acte.");
    std::string out;
    for (char32_t c : n) appendUtf8(out, c);
    return Check::good(out);
}

}  // namespace guichet::validation
