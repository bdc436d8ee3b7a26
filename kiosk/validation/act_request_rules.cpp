#include "kiosk/validation/act_request_rules.hpp"

namespace guichet::validation {

std::optional<ActKind> actKindFromId(std::string_view id) {
    if (id == "naissance") return ActKind::Naissance;
    if (id == "mariage") return ActKind::Mariage;
    if (id == "deces") return ActKind::Deces;
    return std::nullopt;
}

std::optional<ActType> actTypeFromId(std::string_view id) {
    if (id == "copie_integrale") return ActType::CopieIntegrale;
    if (id == "extrait_filiation") return ActType::ExtraitAvecFiliation;
    if (id == "extrait_sans_filiation") return ActType::ExtraitSansFiliation;
    if (id == "extrait_plurilingue") return ActType::ExtraitPlurilingue;
    return std::nullopt;
}

std::optional<Qualite> qualiteFromId(std::string_view id) {
    if (id == "interesse") return Qualite::Interesse;
    if (id == "conjoint") return Qualite::Conjoint;
    if (id == "ascendant") return Qualite::Ascendant;
    if (id == "descendant") return Qualite::Descendant;
    if (id == "representant_legal") return Qualite::RepresentantLegal;
    if (id == "professionnel") return Qualite::Professionnel;
    if (id == "autre") return Qualite::Autre;
    return std::nullopt;
}

ActDecision mayObtainAct(ActKind kind, ActType type, Qualite qualite, std::optional<int> interesseAge) {
    if (kind == ActKind::Deces) {
        // Art. 32-33: death acts are delivered as full copies (or the multilingual extract)
        // to anyone; there is no extract with or without filiation of a death act.
        if (type == ActType::CopieIntegrale || type == ActType::ExtraitPlurilingue) return {true, {}};
        return {false, "Pour un acte de décès, la mairie délivre une copie intégrale (ou un extrait plurilingue). "
                       "Toute personne peut la demander. Choisissez « Copie intégrale »."};
    }
    // Art. 33: extracts without filiation of birth and marriage acts go to anyone.
    if (type == ActType::ExtraitSansFiliation) return {true, {}};
    // Art. 30-31: full copies, extracts with filiation (and, in practice, the multilingual
    // extract, which carries the parents) only to the people listed below.
    const char* what = type == ActType::CopieIntegrale ? "une copie intégrale"
                       : type == ActType::ExtraitAvecFiliation ? "un extrait avec filiation"
                                                                : "un extrait plurilingue";
    const std::string acte = kind == ActKind::Naissance ? "de naissance" : "de mariage";
    const std::string who = kind == ActKind::Naissance
        ? "la personne elle-même (si elle est majeure), son conjoint ou partenaire de PACS, ses parents et "
          "grands-parents, ses enfants et petits-enfants, son représentant légal"
        : "les époux (s'ils sont majeurs), leurs parents et grands-parents, leurs enfants et petits-enfants, "
          "leur représentant légal";
    switch (qualite) {
        case Qualite::Interesse:
            if (interesseAge && *interesseAge < 18)
                return {false, std::string("Une personne mineure non émancipée ne peut pas demander seule ") + what + " " + acte +
                                   ". Un parent ou le représentant légal peut faire la demande. "
                                   "Vous pouvez demander vous-même un extrait sans filiation."};
            return {true, {}};
        case Qualite::Conjoint:  // for a marriage act, the spouses are the persons concerned
        case Qualite::Ascendant:
        case Qualite::Descendant:
        case Qualite::RepresentantLegal:
            return {true, {}};
        case Qualite::Professionnel:
            // Notaries, lawyers and administrations within their mission: the desk checks
            // the justification the resident gives (a field of the procedure).
            return {true, {}};
        case Qualite::Autre:
            break;
    }
    return {false, std::string("Seules ces personnes peuvent obtenir ") + what + " " + acte + " : " + who +
                       ". Vous pouvez demander un extrait sans filiation, que tout le monde peut obtenir. "
                       "Pour une autre raison, il faut une autorisation du procureur de la République."};
}

}  // namespace guichet::validation
