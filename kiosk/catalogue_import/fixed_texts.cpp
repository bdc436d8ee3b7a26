#include "kiosk/catalogue_import/fixed_texts.hpp"

#include <map>
#include <stdexcept>

namespace guichet::catalogue_import {

const Translations& fixedText(const std::string& key) {
    static const std::map<std::string, Translations> texts = {
        {"precisions", {{"fr", "Quelques précisions"}, {"en", "A few details"}, {"es", "Algunos detalles"},
                        {"de", "Einige Angaben"}, {"pt", "Alguns pormenores"}, {"it", "Alcuni dettagli"}}},
        {"ou.title", {{"fr", "Où ?"}, {"en", "Where?"}, {"es", "¿Dónde?"}, {"de", "Wo?"}, {"pt", "Onde?"}, {"it", "Dove?"}}},
        {"ou.help",
         {{"fr", "Donnez une adresse, ou un lieu que tout le monde connaît : « devant l'école », « parking de la gare »."},
          {"en", "Give an address, or a place everyone knows: “in front of the school”, “station car park”."},
          {"es", "Dé una dirección, o un lugar que todo el mundo conoce: «delante de la escuela», «aparcamiento de la estación»."},
          {"de", "Geben Sie eine Adresse an oder einen Ort, den alle kennen: „vor der Schule“, „Parkplatz am Bahnhof“."},
          {"pt", "Indique uma morada, ou um sítio que toda a gente conhece: «em frente à escola», «parque da estação»."},
          {"it", "Indichi un indirizzo, o un luogo che tutti conoscono: «davanti alla scuola», «parcheggio della stazione»."}}},
        {"address.label", {{"fr", "Adresse ou lieu"}, {"en", "Address or place"}, {"es", "Dirección o lugar"},
                           {"de", "Adresse oder Ort"}, {"pt", "Morada ou local"}, {"it", "Indirizzo o luogo"}}},
        {"description.title", {{"fr", "Décrivez le problème"}, {"en", "Describe the problem"}, {"es", "Describa el problema"},
                               {"de", "Beschreiben Sie das Problem"}, {"pt", "Descreva o problema"}, {"it", "Descriva il problema"}}},
        {"description.label", {{"fr", "Ce que vous avez vu"}, {"en", "What you saw"}, {"es", "Lo que ha visto"},
                               {"de", "Was Sie gesehen haben"}, {"pt", "O que viu"}, {"it", "Quello che ha visto"}}},
        {"description.placeholder",
         {{"fr", "Par exemple : un trou profond sur le trottoir, devant le numéro 12."},
          {"en", "For example: a deep hole in the pavement, in front of number 12."},
          {"es", "Por ejemplo: un agujero profundo en la acera, delante del número 12."},
          {"de", "Zum Beispiel: ein tiefes Loch im Gehweg vor Hausnummer 12."},
          {"pt", "Por exemplo: um buraco fundo no passeio, em frente ao número 12."},
          {"it", "Per esempio: una buca profonda sul marciapiede, davanti al numero 12."}}},
        {"contact.title", {{"fr", "Être tenu au courant (facultatif)"}, {"en", "Keep me informed (optional)"},
                           {"es", "Estar informado (opcional)"}, {"de", "Auf dem Laufenden bleiben (freiwillig)"},
                           {"pt", "Ser informado (opcional)"}, {"it", "Essere informato (facoltativo)"}}},
        {"suivi.label", {{"fr", "Voulez-vous être prévenu quand le problème est réglé ?"},
                         {"en", "Do you want to be told when the problem is fixed?"},
                         {"es", "¿Quiere que le avisemos cuando el problema esté resuelto?"},
                         {"de", "Möchten Sie benachrichtigt werden, wenn das Problem behoben ist?"},
                         {"pt", "Quer ser avisado quando o problema estiver resolvido?"},
                         {"it", "Vuole essere avvisato quando il problema è risolto?"}}},
        {"first_name.label", {{"fr", "Votre prénom"}, {"en", "Your first name"}, {"es", "Su nombre"}, {"de", "Ihr Vorname"},
                              {"pt", "O seu nome próprio"}, {"it", "Il suo nome"}}},
        {"last_name.label", {{"fr", "Votre nom"}, {"en", "Your surname"}, {"es", "Su apellido"}, {"de", "Ihr Nachname"},
                             {"pt", "O seu apelido"}, {"it", "Il suo cognome"}}},
        {"email.label", {{"fr", "Adresse e-mail"}, {"en", "E-mail address"}, {"es", "Correo electrónico"},
                         {"de", "E-Mail-Adresse"}, {"pt", "Endereço de e-mail"}, {"it", "Indirizzo e-mail"}}},
        {"phone.label", {{"fr", "Téléphone"}, {"en", "Phone"}, {"es", "Teléfono"}, {"de", "Telefon"}, {"pt", "Telefone"},
                         {"it", "Telefono"}}},
        {"contact.rule", {{"fr", "Pour être prévenu, donnez un e-mail ou un numéro de téléphone."},
                          {"en", "To be told, give an e-mail or a phone number."},
                          {"es", "Para que le avisemos, dé un correo electrónico o un número de teléfono."},
                          {"de", "Um benachrichtigt zu werden, geben Sie eine E-Mail oder eine Telefonnummer an."},
                          {"pt", "Para ser avisado, indique um e-mail ou um número de telefone."},
                          {"it", "Per essere avvisato, indichi un'e-mail o un numero di telefono."}}},
        {"receipt.title", {{"fr", "Demande enregistrée"}, {"en", "Request recorded"}, {"es", "Solicitud registrada"},
                           {"de", "Antrag gespeichert"}, {"pt", "Pedido registado"}, {"it", "Richiesta registrata"}}},
        {"receipt.next_steps",
         {{"fr", "Votre demande est enregistrée. Elle part vers les services de la mairie. Gardez ce reçu : sa référence permet de suivre votre demande."},
          {"en", "Your request is recorded. It goes to the town hall's services. Keep this receipt: its reference lets you follow your request."},
          {"es", "Su solicitud está registrada. Se envía a los servicios del ayuntamiento. Guarde este recibo: su referencia permite seguir su solicitud."},
          {"de", "Ihr Antrag ist gespeichert. Er geht an die Dienste des Rathauses. Bewahren Sie diesen Beleg auf: Mit der Nummer können Sie Ihren Antrag verfolgen."},
          {"pt", "O seu pedido está registado. Segue para os serviços da câmara municipal. Guarde este recibo: a referência permite acompanhar o seu pedido."},
          {"it", "La sua richiesta è registrata. Viene inviata ai servizi del municipio. Conservi questa ricevuta: il riferimento permette di seguire la richiesta."}}},
        {"receipt.place", {{"fr", "Lieu"}, {"en", "Place"}, {"es", "Lugar"}, {"de", "Ort"}, {"pt", "Local"}, {"it", "Luogo"}}},
    };
    auto it = texts.find(key);
    if (it == texts.end()) throw std::logic_error("catalogue import: no fixed text " + key);
    return it->second;
}

}  // namespace guichet::catalogue_import
