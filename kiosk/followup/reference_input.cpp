#include "kiosk/followup/reference_input.hpp"

#include <cctype>
#include <cmath>

#include "kiosk/i18n/i18n.hpp"

namespace guichet::followup {
namespace {

// The alphabet of kiosk/submission's referenceFromUuid: digits 2-9 and letters without
// I, L, O, U. It was chosen so that a printed reference has no look-alike pair.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

bool inAlphabet(char c) { return kAlphabet.find(c) != std::string_view::npos; }

}  // namespace

double referenceSpaceBits() { return 8 * std::log2(static_cast<double>(kAlphabet.size())); }

ReferenceInput normaliseReference(std::string_view typed) {
    // Keep letters and digits only, upper-cased: "gu 7k3m 9qx2", "GU7K3M9QX2" and
    // "7K3M-9QX2" all mean the same receipt.
    std::string symbols;
    bool confusable = false;
    for (char raw : typed) {
        auto c = static_cast<unsigned char>(raw);
        if (std::isspace(c) || raw == '-' || raw == '_' || raw == '.') continue;
        if (!std::isalnum(c)) {
            ReferenceInput r;
            r.problem = _("La référence ne contient que des lettres et des chiffres. Recopiez-la depuis votre reçu.");
            return r;
        }
        char u = static_cast<char>(std::toupper(c));
        symbols.push_back(u);
    }
    if (symbols.size() == 10 && symbols.compare(0, 2, "GU") == 0) symbols.erase(0, 2);
    ReferenceInput r;
    if (symbols.size() != 8) {
        r.problem = _("Une référence a 8 lettres ou chiffres après « GU- », par exemple GU-7K3M-9QX2. Vérifiez sur "
                      "votre reçu.");
        return r;
    }
    // References never contain 0, O, 1, I, L or U (kiosk/submission picks its alphabet so
    // that no printed symbol has a look-alike). A resident who types one of them misread
    // nothing we could map back with certainty, so we name the rule instead of guessing —
    // and the caller does not count this as an unknown reference (no guessing pause).
    for (char c : symbols)
        if (!inAlphabet(c)) confusable = true;
    if (confusable) {
        r.confusable = true;
        r.problem = _("Les références n'utilisent jamais les caractères 0, O, 1, I, L ni U. Regardez de nouveau "
                      "votre reçu : chaque caractère est un chiffre de 2 à 9 ou une autre lettre.");
        return r;
    }
    r.ok = true;
    r.canonical = "GU-" + symbols.substr(0, 4) + "-" + symbols.substr(4, 4);
    return r;
}

}  // namespace guichet::followup
