#include <catch2/catch.hpp>

#include "drivers/document/receipt_document.hpp"

using namespace guichet::doc;

TEST_CASE("document.receipt lists every printed text for screen and speech (A7)", "[document]") {
    ReceiptDocument d;
    d.logo("assets/logo.png").title("Mairie de Rivebelle").row("Référence", "GU-7K3M-9QX2").separator()
        .qr("https://rivebelle.fr/suivi/GU-7K3M-9QX2", "Code QR pour suivre votre demande").footer("Merci");
    auto lines = d.spokenLines();
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "Mairie de Rivebelle");
    CHECK(lines[1] == "Référence : GU-7K3M-9QX2");
    CHECK(lines[2] == "Code QR pour suivre votre demande");
    CHECK(lines[3] == "Merci");
    d.wipe();
    CHECK(d.elements.empty());
}
