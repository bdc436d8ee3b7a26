#include "kiosk/speech/voices.hpp"

#include <algorithm>

namespace guichet::speech {

namespace {

// Role order: Heading, Text, Image, Button, Toggle, TextField, Choice, Checkbox, Key, Alert,
// Progress, Link (a11y::Role).
const Phrases kFr{
    {"Titre", "Texte", "Image", "Bouton", "Interrupteur", "Champ de saisie", "Choix", "Case à cocher",
     "Touche", "Alerte", "Progression", "Lien"},
    "sur", "activé", "désactivé", "cochée", "non cochée", "indisponible", "vide", "saisie protégée",
    "donnée personnelle, branchez un casque pour l'entendre", "effacé", "espace", "étoile",
    "Synthèse vocale activée. Flèches pour se déplacer, Entrée pour valider, touche Répéter pour réécouter.",
    "Synthèse vocale désactivée.",
    "Casque détecté. Synthèse vocale activée.", "Plus rapide", "Plus lent", "Volume",
    "Êtes-vous toujours là ? La séance se termine dans %d secondes. Appuyez sur Entrée pour continuer.",
    "Séance prolongée.", "Appuyez sur Entrée pour continuer."};

const Phrases kEn{
    {"Heading", "Text", "Image", "Button", "Switch", "Text field", "Choice", "Checkbox", "Key", "Alert",
     "Progress", "Link"},
    "of", "on", "off", "checked", "not checked", "unavailable", "empty", "protected entry",
    "personal data, plug in a headset to hear it", "deleted", "space", "star",
    "Speech on. Arrows to move, Enter to confirm, Repeat key to hear again.",
    "Speech off.", "Headset detected. Speech on.", "Faster", "Slower", "Volume",
    "Are you still there? The session ends in %d seconds. Press Enter to continue.", "Session extended.", "Press Enter to continue."};

const Phrases kEs{
    {"Título", "Texto", "Imagen", "Botón", "Interruptor", "Campo de texto", "Opción", "Casilla", "Tecla",
     "Alerta", "Progreso", "Enlace"},
    "de", "activado", "desactivado", "marcada", "sin marcar", "no disponible", "vacío", "entrada protegida",
    "dato personal, conecte unos auriculares para oírlo", "borrado", "espacio", "asterisco",
    "Voz activada. Flechas para moverse, Intro para confirmar, tecla Repetir para volver a oír.",
    "Voz desactivada.", "Auriculares detectados. Voz activada.", "Más rápido", "Más lento", "Volumen",
    "¿Sigue ahí? La sesión termina en %d segundos. Pulse Intro para continuar.", "Sesión prolongada.", "Pulse Intro para continuar."};

const Phrases kDe{
    {"Überschrift", "Text", "Bild", "Schaltfläche", "Schalter", "Eingabefeld", "Auswahl", "Kontrollkästchen",
     "Taste", "Warnung", "Fortschritt", "Link"},
    "von", "ein", "aus", "angekreuzt", "nicht angekreuzt", "nicht verfügbar", "leer", "geschützte Eingabe",
    "persönliche Daten, schließen Sie einen Kopfhörer an", "gelöscht", "Leerzeichen", "Stern",
    "Sprachausgabe ein. Pfeiltasten zum Bewegen, Eingabe zum Bestätigen, Wiederholen-Taste zum erneuten Hören.",
    "Sprachausgabe aus.", "Kopfhörer erkannt. Sprachausgabe ein.", "Schneller", "Langsamer", "Lautstärke",
    "Sind Sie noch da? Die Sitzung endet in %d Sekunden. Drücken Sie Eingabe, um fortzufahren.",
    "Sitzung verlängert.", "Drücken Sie Eingabe, um fortzufahren."};

const Phrases kPt{
    {"Título", "Texto", "Imagem", "Botão", "Interruptor", "Campo de texto", "Escolha", "Caixa de seleção",
     "Tecla", "Alerta", "Progresso", "Ligação"},
    "de", "ativado", "desativado", "marcada", "não marcada", "indisponível", "vazio", "entrada protegida",
    "dado pessoal, ligue uns auscultadores para o ouvir", "apagado", "espaço", "asterisco",
    "Voz ativada. Setas para mover, Enter para confirmar, tecla Repetir para voltar a ouvir.",
    "Voz desativada.", "Auscultadores detetados. Voz ativada.", "Mais rápido", "Mais lento", "Volume",
    "Ainda está aí? A sessão termina em %d segundos. Prima Enter para continuar.", "Sessão prolongada.", "Prima Enter para continuar."};

const Phrases kIt{
    {"Titolo", "Testo", "Immagine", "Pulsante", "Interruttore", "Campo di testo", "Scelta", "Casella",
     "Tasto", "Avviso", "Avanzamento", "Collegamento"},
    "di", "attivato", "disattivato", "selezionata", "non selezionata", "non disponibile", "vuoto",
    "inserimento protetto", "dato personale, collegare le cuffie per ascoltarlo", "cancellato", "spazio", "asterisco",
    "Sintesi vocale attiva. Frecce per spostarsi, Invio per confermare, tasto Ripeti per riascoltare.",
    "Sintesi vocale disattivata.", "Cuffie rilevate. Sintesi vocale attiva.", "Più veloce", "Più lento", "Volume",
    "È ancora lì? La sessione termina tra %d secondi. Premere Invio per continuare.", "Sessione prolungata.", "Premere Invio per continuare."};

}  // namespace

bool isSupportedLanguage(std::string_view lang) {
    return std::find(kLanguages.begin(), kLanguages.end(), lang) != kLanguages.end();
}

const char* espeakVoiceFor(std::string_view lang) {
    if (lang == "en") return "en";
    if (lang == "es") return "es";
    if (lang == "de") return "de";
    if (lang == "pt") return "pt";
    if (lang == "it") return "it";
    return "fr";
}

const Phrases& phrasesFor(std::string_view lang) {
    if (lang == "en") return kEn;
    if (lang == "es") return kEs;
    if (lang == "de") return kDe;
    if (lang == "pt") return kPt;
    if (lang == "it") return kIt;
    return kFr;
}

std::string roleWord(a11y::Role role, std::string_view lang) {
    return phrasesFor(lang).roles[static_cast<int>(role)];
}

}  // namespace guichet::speech
