// The demo tour's whole-terminal chapter: a birth certificate from the first tap to the
// printed receipt and the delivery into <data>/spool (the procedures' chapter shows a
// street report on screen; this one shows what the terminal does with a demand).
#include "ui/scenario/demo_tour.hpp"
#include "ui/scenario/scenario.hpp"  // GUICHET_SCENARIO_CONCAT

namespace guichet::ui::integration {
namespace {

const char* const kChapter = R"SCN(tap "Touchez l'écran pour commencer"
tap "Demander un acte de naissance"
tap "La personne elle-même"
tap "Continuer"
tap "Extrait sans filiation"
tap "Nombre d'exemplaires"
type "1"
tap "Valider"
tap "Continuer"
tap "Nom de naissance"
type "DURAND"
tap "Valider"
tap "Prénoms, dans l'ordre de l'acte"
type "Camille"
tap "Valider"
tap "Masculin"
tap "Date de naissance"
type "03/05/1987"
tap "Valider"
tap "Commune de naissance"
type "Bellerive-sur-Loire"
tap "Valider"
shot naissance-1-personne
tap "Continuer"
tap "Je viens le chercher à la mairie"
tap "Continuer"
tap "Adresse e-mail"
type "camille.durand@example.fr"
tap "Valider"
tap "Continuer"
expect "Vérifiez vos réponses"
shot naissance-2-review
tap "Envoyer ma demande"
expect-receipt "{reference}"
expect-delivered
wait 500ms
expect "Votre reçu est imprimé"
key tab
shot naissance-3-receipt
tap "Terminer"
)SCN";
GUICHET_DEMO_CHAPTER(60, "birth certificate: outbox, receipt, delivery", kChapter);

}  // namespace
}  // namespace guichet::ui::integration
