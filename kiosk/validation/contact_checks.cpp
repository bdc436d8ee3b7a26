#include "kiosk/validation/contact_checks.hpp"

#include <cctype>

#include "kiosk/validation/person_name.hpp"
#include "kiosk/validation/utf8.hpp"

namespace guichet::validation {

namespace {
std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}
const char* kPhoneExample = "Écrivez les 10 chiffres, par exemple : 06 12 34 56 78.";
}  // namespace

Check checkFrenchPhone(std::string_view text, bool mobileOnly) {
    std::string t = trim(text);
    if (t.empty()) return Check::bad(std::string("Indiquez un numéro de téléphone. ") + kPhoneExample);
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
        else if (c == '+' && i == 0) plus = true;
        else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')') continue;
        else return Check::bad(std::string("Un numéro de téléphone ne contient que des chiffres. ") + kPhoneExample);
    }
    // International spellings of a French number: +33 6…, +33 (0)6…, 0033 6…
    std::string national;
    if (plus || digits.rfind("0033", 0) == 0) {
        std::string rest = plus ? digits : digits.substr(2);
        if (rest.rfind("33", 0) != 0)
            return Check::bad("Seuls les numéros français sont acceptés ici (ils commencent par 0 ou +33). " + std::string(kPhoneExample));
        rest = rest.substr(2);
        if (!rest.empty() && rest[0] == '0') rest = rest.substr(1);  // "+33 (0)6…"
        national = "0" + rest;
    } else {
        national = digits;
    }
    if (national.size() != 10) {
        return Check::bad("Ce numéro a " + std::to_string(national.size()) + " chiffres au lieu de 10. " + kPhoneExample);
    }
    if (national[0] != '0') return Check::bad(std::string("Un numéro français commence par 0. ") + kPhoneExample);
    if (national[1] == '0') return Check::bad(std::string("Un numéro français ne commence pas par 00. ") + kPhoneExample);
    if (mobileOnly && national[1] != '6' && national[1] != '7')
        return Check::bad("Pour recevoir un SMS, il faut un numéro de portable (il commence par 06 ou 07).");
    return Check::good("+33" + national.substr(1));
}

std::string displayFrenchPhone(std::string_view e164) {
    if (e164.size() != 12 || e164.substr(0, 3) != "+33") return std::string(e164);
    std::string n = "0" + std::string(e164.substr(3));
    std::string out;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (i && i % 2 == 0) out.push_back(' ');
        out.push_back(n[i]);
    }
    return out;
}

Check checkPostalCode(std::string_view text) {
    std::string t;
    for (char c : text)
        if (c != ' ') t.push_back(c);
    const char* ex = " Un code postal a 5 chiffres, par exemple : 75014.";
    if (t.empty()) return Check::bad(std::string("Indiquez le code postal.") + ex);
    for (char c : t)
        if (!std::isdigit(static_cast<unsigned char>(c))) return Check::bad(std::string("Un code postal ne contient que des chiffres.") + ex);
    if (t.size() != 5) return Check::bad("Ce code postal a " + std::to_string(t.size()) + " chiffres au lieu de 5." + ex);
    int dep = std::stoi(t.substr(0, 2));
    // 01-95 metropolitan départements (20 = Corse), 97 overseas départements, 98 Monaco and
    // overseas collectivities. "00" and 96 do not exist.
    if (dep == 0 || dep == 96 || dep == 99)
        return Check::bad(std::string("Ce code postal n'existe pas. Vérifiez les 2 premiers chiffres (le département).") + ex);
    return Check::good(t);
}

Check checkCommune(std::string_view postalCode, std::string_view commune, const CommuneTable& table, bool localOnly) {
    std::string c = trim(commune);
    if (c.empty()) return Check::bad("Indiquez la commune, par exemple : Saint-Denis.");
    auto it = table.find(std::string(postalCode));
    if (it == table.end()) {
        if (localOnly)
            return Check::bad("Ce code postal n'est pas celui de la commune. Il faut une adresse dans la commune pour cette démarche.");
        auto n = checkPersonName(c, "Le nom de la commune");
        if (!n.ok) return n;
        return Check::good(n.value);
    }
    const std::string folded = foldForMatch(c);
    for (const auto& name : it->second)
        if (foldForMatch(name) == folded) return Check::good(name);
    std::string list;
    for (std::size_t i = 0; i < it->second.size(); ++i) list += (i ? ", " : "") + it->second[i];
    return Check::bad("Cette commune ne correspond pas au code postal " + std::string(postalCode) +
                      ". Pour ce code postal, choisissez : " + list + ".");
}

Check checkEmail(std::string_view text) {
    std::string t = trim(text);
    const char* ex = " Par exemple : prenom.nom@exemple.fr.";
    if (t.empty()) return Check::bad(std::string("Indiquez une adresse e-mail.") + ex);
    auto at = t.find('@');
    if (at == std::string::npos) return Check::bad(std::string("Il manque le signe @ dans l'adresse e-mail.") + ex);
    if (t.find('@', at + 1) != std::string::npos) return Check::bad(std::string("Une adresse e-mail a un seul signe @.") + ex);
    std::string local = t.substr(0, at), domain = t.substr(at + 1);
    if (t.find(' ') != std::string::npos) return Check::bad(std::string("Une adresse e-mail ne contient pas d'espace.") + ex);
    if (local.empty() || local.size() > 64) return Check::bad(std::string("Il manque la partie avant le signe @.") + ex);
    static const std::string localOk = "!#$%&'*+/=?^_`{|}~-.";
    for (char ch : local)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && localOk.find(ch) == std::string::npos)
            return Check::bad(std::string("L'adresse contient un caractère qui n'est pas permis (accents, virgule…).") + ex);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos)
        return Check::bad(std::string("Un point ne peut pas être au début, à la fin ou doublé avant le @.") + ex);
    for (auto& ch : domain) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto dot = domain.rfind('.');
    if (domain.empty() || dot == std::string::npos || dot == 0 || dot + 1 >= domain.size())
        return Check::bad(std::string("Après le @, il faut un nom de domaine avec un point, comme « orange.fr ».") + ex);
    for (std::size_t i = 0; i < domain.size(); ++i) {
        char ch = domain[i];
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.')
            return Check::bad(std::string("Après le @, seuls les lettres sans accent, les chiffres, les points et les tirets sont permis.") + ex);
        if (ch == '.' && (i == 0 || domain[i - 1] == '.'))
            return Check::bad(std::string("Le nom de domaine après le @ contient deux points à la suite.") + ex);
    }
    std::string tld = domain.substr(dot + 1);
    for (char ch : tld)
        if (!std::isalpha(static_cast<unsigned char>(ch)) || tld.size() < 2)
            return Check::bad(std::string("La fin de l'adresse (après le dernier point) doit être en lettres, comme « fr » ou « com ».") + ex);
    // Typos a desk agent sees every week, on domains that cannot be right.
    static const std::map<std::string, std::string> typos = {
        {"gmail.con", "gmail.com"}, {"gmail.fr", "gmail.com"}, {"gmial.com", "gmail.com"}, {"gmal.com", "gmail.com"},
        {"gmail.co", "gmail.com"}, {"hotmial.fr", "hotmail.fr"}, {"hotmail.con", "hotmail.com"},
        {"orange.fe", "orange.fr"}, {"oange.fr", "orange.fr"}, {"wanado.fr", "wanadoo.fr"}, {"yahou.fr", "yahoo.fr"},
        {"free.fe", "free.fr"}, {"laposte.ent", "laposte.net"}, {"sfr.fe", "sfr.fr"}};
    auto typo = typos.find(domain);
    if (typo != typos.end())
        return Check::bad("Vérifiez la fin de l'adresse : vouliez-vous écrire « " + local + "@" + typo->second + " » ?");
    return Check::good(local + "@" + domain);
}

}  // namespace guichet::validation
