#include "kiosk/validation/admin_checks.hpp"

#include <cctype>
#include <string>

namespace guichet::validation {

Check checkAntsPreDemande(std::string_view text) {
    const char* where = " Il figure en haut du récapitulatif de pré-demande (10 lettres et chiffres).";
    std::string n;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (!std::isalnum(static_cast<unsigned char>(c)))
            return Check::bad(std::string("Le numéro de pré-demande ne contient que des lettres et des chiffres.") + where);
        n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (n.empty()) return Check::bad(std::string("Indiquez le numéro de pré-demande.") + where);
    if (n.size() != 10)
        return Check::bad("Ce numéro a " + std::to_string(n.size()) + " caractères au lieu de 10. Vérifiez-le sur votre récapitulatif.");
    bool allSame = n.find_first_not_of(n[0]) == std::string::npos;
    bool hasDigit = n.find_first_of("0123456789") != std::string::npos;
    if (allSame || !hasDigit)
        return Check::bad(std::string("Ce numéro ne ressemble pas à un numéro de pré-demande.") + where);
    return Check::good(n);
}

Check checkAmountEuros(std::string_view text, long maxEuros) {
    const char* ex = " Écrivez le montant comme ceci : 42,50.";
    std::string t;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' ) continue;
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x82 &&
            static_cast<unsigned char>(text[i + 2]) == 0xAC) { i += 2; continue; }  // "€"
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            static_cast<unsigned char>(text[i + 2]) == 0xAF) { i += 2; continue; }  // narrow no-break space
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) { ++i; continue; }
        t.push_back(static_cast<char>(c));
    }
    if (t.empty()) return Check::bad(std::string("Indiquez le montant.") + ex);
    std::string euros, cents;
    bool sep = false;
    for (char c : t) {
        if (c == ',' || c == '.') {
            if (sep) return Check::bad(std::string("Le montant a plusieurs virgules.") + ex);
            sep = true;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            (sep ? cents : euros).push_back(c);
        } else {
            return Check::bad(std::string("Le montant ne contient que des chiffres et une virgule.") + ex);
        }
    }
    if (euros.empty()) euros = "0";
    if (cents.size() > 2) return Check::bad(std::string("Il y a au plus 2 chiffres après la virgule (les centimes).") + ex);
    while (cents.size() < 2) cents.push_back('0');
    if (euros.size() > 9) return Check::bad("Ce montant est trop grand. Vérifiez-le sur votre facture.");
    long e = std::stol(euros), c = std::stol(cents);
    if (e == 0 && c == 0) return Check::bad("Le montant doit être plus grand que 0. Vérifiez-le sur votre facture.");
    if (e > maxEuros || (e == maxEuros && c > 0))
        return Check::bad("Ce montant est trop grand pour être réglé ici. Adressez-vous au guichet.");
    return Check::good(std::to_string(e) + "." + cents);
}

std::string displayEuros(std::string_view canonical) {
    std::string s(canonical);
    auto dot = s.find('.');
    if (dot != std::string::npos) s[dot] = ',';
    return s + "\u00A0€";
}

}  // namespace guichet::validation
