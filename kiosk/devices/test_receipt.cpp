#include "kiosk/devices/test_receipt.hpp"

namespace guichet {

doc::ReceiptDocument printerTestReceipt(const std::string& profileName, const std::string& logoPath) {
    doc::ReceiptDocument d;
    if (!logoPath.empty()) d.logo(logoPath);
    d.title("Test d'impression");
    d.footer("Profil : " + profileName);
    d.separator();
    d.line("Accents : é è ê ë à â ç ù û ü ô ö î ï ÿ");
    d.line("Majuscules : É È Ê À Ç Ù Ô Î Œ Æ");
    d.line("Ligatures et symboles : cœur, Œuvre, 12,50 €, « guillemets »");
    d.row("Montant", "1 234,56 €");
    d.row("Une étiquette assez longue pour passer à la ligne", "valeur alignée à droite");
    d.elements.push_back(doc::Text{"Gras", doc::Align::Left, true});
    d.elements.push_back(doc::Text{"Souligné", doc::Align::Left, false, false, true});
    d.elements.push_back(doc::Text{"À droite", doc::Align::Right});
    d.separator();
    d.qr("https://www.service-public.fr/", "QR code : site service-public.fr");
    d.footer("Fin du test — coupe ci-dessous");
    return d;
}

}  // namespace guichet
