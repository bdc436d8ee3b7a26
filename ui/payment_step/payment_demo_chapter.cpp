// The demo tour's card payment chapter: a canteen bill paid at the software TPE (--demo),
// from the bill's questions to the confirmation that says it is paid and the receipt.
#include "ui/scenario/demo_tour.hpp"
#include "ui/scenario/scenario.hpp"  // GUICHET_SCENARIO_CONCAT

namespace guichet::ui::payment_step {
namespace {

const char* const kChapter = R"SCN(tpe-next approve 1500
tap "Touchez l'écran pour commencer"
tap "Payer une facture de cantine ou de périscolaire"
tap "La cantine"
tap "Je n'ai pas ma carte : je tape l'identifiant écrit sur la facture"
tap "Votre identifiant famille"
type "FAM04521"
tap "Valider"
tap "Référence de la facture"
type "2026-11-004521"
tap "Valider"
tap "Montant de la facture, en euros"
type "42,50"
tap "Valider"
tap "Continuer"
tap "Payer maintenant par carte bancaire"
shot payment-1-choice
tap "Continuer"
expect "Vérifiez vos réponses"
tap "Payer par carte"
expect "Montant à payer : 42 euros 50"
shot payment-2-paying
wait-payment
expect "Votre facture est payée. Le terminal de paiement imprime votre ticket de carte."
expect-receipt "Paiement par carte accepté"
wait 500ms
shot payment-3-paid
tap "Terminer"
)SCN";
GUICHET_DEMO_CHAPTER(55, "canteen bill paid by card at the payment terminal", kChapter);

}  // namespace
}  // namespace guichet::ui::payment_step
