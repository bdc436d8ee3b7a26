// Who may obtain which civil-status document, as the officier de l'état civil applies
// décret n° 2017-890 du 6 mai 2017 (art. 30 à 33): full copies and extracts with
// filiation of birth and marriage acts only to the person, close family and legal
// representatives; extracts without filiation and death acts to anyone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet::validation {

enum class ActKind { Naissance, Mariage, Deces };
enum class ActType { CopieIntegrale, ExtraitAvecFiliation, ExtraitSansFiliation, ExtraitPlurilingue };
enum class Qualite { Interesse, Conjoint, Ascendant, Descendant, RepresentantLegal, Professionnel, Autre };

std::optional<ActKind> actKindFromId(std::string_view id);     // "naissance", "mariage", "deces"
std::optional<ActType> actTypeFromId(std::string_view id);     // "copie_integrale", "extrait_filiation", "extrait_sans_filiation", "extrait_plurilingue"
std::optional<Qualite> qualiteFromId(std::string_view id);     // "interesse", "conjoint", "ascendant", "descendant", "representant_legal", "professionnel", "autre"

struct ActDecision {
    bool allowed = false;
    std::string explanation;  // for the resident: why not, and what they can ask instead
};

// `interesseAge`: the age of the person on the act when the requester is that person
// (a minor who is not emancipated cannot ask alone); unknown -> not checked.
ActDecision mayObtainAct(ActKind kind, ActType type, Qualite qualite, std::optional<int> interesseAge = std::nullopt);

}  // namespace guichet::validation
