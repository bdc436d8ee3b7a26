// Procedures whose fields are filled by devices (card reader, scanner), and the payment QR.
#include "wizard_fixture.hpp"

using namespace wizard_test;
using State = WizardSession::State;

namespace {
guichet::ScannedPage page(std::uint8_t fill) {
    guichet::ScannedPage p;
    p.jpeg = guichet::Bytes(64, fill);
    p.widthPx = 2480;
    p.heightPx = 3508;
    p.dpi = 300;
    return p;
}
}  // namespace

TEST_CASE("procedures.wizard payment with the family card and a QR to the payment page", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("paiement-facture");
    s.setAnswer("service", "cantine");
    s.setCardIdentifier("identifiant_famille", "FAM04521");
    REQUIRE(fx.fill({{"reference_facture", "2026-11-004521"}, {"montant", "42,50 €"}}));
    // The computed field shows what will be paid, read-only.
    REQUIRE(s.currentFields().front()->id == "a_payer");
    CHECK(s.computedValue(*s.currentFields().front()) == "42,50\u00A0€ — facture 2026-11-004521");
    REQUIRE(fx.fill({{"mode", "en_ligne"}}));
    REQUIRE(s.confirm());
    const auto& sub = fx.store.stored()[0];
    CHECK(sub.answers["identifiant_famille"] == json{{"source", "card"}, {"value", "FAM04521"}});
    CHECK(sub.answers["montant"] == "42.50");
    CHECK(sub.answers["a_payer"] == "42,50\u00A0€ — facture 2026-11-004521");
    CHECK(s.paymentUrl() ==
          "https://paiement.bellerive-sur-loire.fr/factures?service=cantine&famille=FAM04521&ref=2026-11-004521&montant=42.50");
    std::string qr, caption;
    for (const auto& e : s.receipt().elements)
        if (auto* q = std::get_if<guichet::doc::Qr>(&e)) { qr = q->data; caption = q->caption; }
    CHECK(qr == s.paymentUrl());
    CHECK(caption.find("payer en ligne") != std::string::npos);
    bool desk = false;
    for (const auto& l : s.receipt().spokenLines()) desk |= l.find("payer au guichet") != std::string::npos;
    CHECK(desk);
}

TEST_CASE("procedures.wizard payment without the card: typed identifier, checked", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("paiement-facture");
    CHECK_FALSE(fx.fill({{"service", "periscolaire"}, {"reference_facture", "2026-11-004521"}, {"montant", "12"}}));
    CHECK(s.errors().at("identifiant_famille").find("Je n'ai pas ma carte") != std::string::npos);
    CHECK_FALSE(fx.fill({{"identifiant_famille", "fam 45"}}));
    CHECK(s.errors().at("identifiant_famille").find("FAM04521") != std::string::npos);
    REQUIRE(fx.fill({{"identifiant_famille", "FAM04521"}}));
    REQUIRE(fx.fill({{"mode", "guichet"}}));
    REQUIRE(s.confirm());
    CHECK(fx.store.stored()[0].answers["identifiant_famille"] == json{{"source", "saisie"}, {"value", "FAM04521"}});
}

TEST_CASE("procedures.wizard a typed identifier in lower case is the same identifier", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("paiement-facture");
    // Typed as read aloud or on a keyboard without caps: normalised, not refused.
    REQUIRE(fx.fill({{"service", "periscolaire"}, {"reference_facture", "2026-11-004521"}, {"montant", "12"},
                     {"identifiant_famille", "fam 04521"}}));
    REQUIRE(fx.fill({{"mode", "guichet"}}));
    REQUIRE(s.confirm());
    CHECK(fx.store.stored()[0].answers["identifiant_famille"] == json{{"source", "saisie"}, {"value", "FAM04521"}});
}

TEST_CASE("procedures.wizard electoral roll with scanned documents as attachments", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("inscription-listes");
    CHECK_FALSE(fx.fill({{"nom_naissance", "Benali"}, {"prenoms", "Yasmine"}, {"sexe", "F"}, {"date_naissance", "01/01/2010"},
                         {"lieu_naissance", "Tours, France"}}));
    CHECK(s.errors().at("date_naissance").find("18 ans le jour de l'élection") != std::string::npos);
    REQUIRE(fx.fill({{"date_naissance", "15/03/2008"}}));
    CHECK_FALSE(fx.fill({{"nationalite", "autre"}}));
    CHECK(s.errors().at("nationalite").find("Union européenne") != std::string::npos);
    REQUIRE(fx.fill({{"nationalite", "francaise"}}));
    REQUIRE(fx.fill({{"situation", "demenagement"}, {"commune_precedente", json{{"code_postal", "37000"}, {"commune", "Tours"}}}}));
    CHECK_FALSE(fx.fill({{"adresse", json{{"voie", "8 rue des Lilas"}, {"code_postal", "37000"}, {"commune", "Tours"}}}}));
    CHECK(s.errors().at("adresse").find("dans la commune") != std::string::npos);
    REQUIRE(fx.fill({{"adresse", json{{"voie", "8 rue des Lilas"}, {"code_postal", "45990"}, {"commune", "BELLERIVE SUR LOIRE"}}}}));
    CHECK(fx.pageIds() == std::vector<std::string>{"piece_identite", "justificatif_domicile"});
    CHECK_FALSE(s.next());
    CHECK(s.errors().at("piece_identite").find("Scannez") != std::string::npos);
    std::vector<guichet::ScannedPage> id;
    id.push_back(page(0xA1));
    id.push_back(page(0xA2));
    s.attachScan("piece_identite", std::move(id));
    std::vector<guichet::ScannedPage> proof;
    proof.push_back(page(0xB1));
    s.attachScan("justificatif_domicile", std::move(proof));
    // Once the proof is scanned, its date is asked (less than 3 months).
    CHECK(fx.pageIds() == std::vector<std::string>{"piece_identite", "justificatif_domicile", "date_justificatif"});
    CHECK_FALSE(fx.fill({{"date_justificatif", "01/06/2026"}}));
    CHECK(s.errors().at("date_justificatif").find("plus de 3 mois") != std::string::npos);
    REQUIRE(fx.fill({{"date_justificatif", "02/11/2026"}}));
    REQUIRE(fx.fill({{"email", "yasmine.benali@laposte.net"}}));
    REQUIRE(s.state() == State::Review);
    REQUIRE(s.confirm());
    const auto& sub = fx.store.stored()[0];
    CHECK(sub.connector == "wcs");
    CHECK(sub.answers["adresse"]["commune"] == "Bellerive-sur-Loire");
    CHECK(sub.answers["piece_identite"] == json{{"pages", 2}, {"attachments", {"piece_identite-1.jpg", "piece_identite-2.jpg"}}});
    REQUIRE(sub.attachments.size() == 3);
    CHECK(sub.attachments[0].name == "piece_identite-1.jpg");
    CHECK(sub.attachments[0].mediaType == "image/jpeg");
    CHECK(sub.attachments[1].data == guichet::Bytes(64, 0xA2));
    CHECK(sub.attachments[2].name == "justificatif_domicile-1.jpg");
}

TEST_CASE("procedures.wizard proof of address can be brought to the desk instead", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("inscription-listes", true);
    std::map<std::string, json> a = {{"nom_naissance", "Roux"}, {"nom_usage", ""}, {"prenoms", "Léon"}, {"sexe", "M"},
                                     {"date_naissance", "02/02/1980"}, {"lieu_naissance", "Lyon, France"},
                                     {"nationalite", "ue"}, {"pays_ue", "Belgique"}, {"situation", "premiere_inscription"},
                                     {"adresse", json{{"voie", "1 rue Haute"}, {"code_postal", "45991"}, {"commune", "Bellerive-sur-Loire"}}},
                                     {"email", ""}, {"telephone", "0612345678"}};
    while (s.state() == State::Question) {
        auto ids = fx.pageIds();
        if (ids[0] == "piece_identite") {
            std::vector<guichet::ScannedPage> p;
            p.push_back(page(1));
            s.attachScan("piece_identite", std::move(p));
        }
        if (ids[0] == "justificatif_domicile") s.documentLater("justificatif_domicile");
        CHECK(ids.front() != "date_justificatif");  // no date to check for a paper brought later
        REQUIRE(fx.fill(a));
    }
    REQUIRE(s.confirm());
    const auto& sub = fx.store.stored()[0];
    CHECK(sub.answers["justificatif_domicile"] == json{{"later", true}});
    CHECK(sub.attachments.size() == 1);
    CHECK(sub.answers["pays_ue"] == "Belgique");
}

TEST_CASE("procedures.wizard street report maps to Open311 and follow-up needs a contact", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("signalement");
    REQUIRE(fx.fill({{"service_code", "eclairage"}, {"danger", false}}));
    REQUIRE(fx.fill({{"address_string", "Devant l'école Jules-Ferry"}}));
    CHECK_FALSE(fx.fill({{"description", "Cassé"}}));
    CHECK(s.errors().at("description").find("au moins 10") != std::string::npos);
    REQUIRE(fx.fill({{"description", "Le lampadaire est éteint depuis une semaine."}}));
    CHECK_FALSE(fx.fill({{"suivi", true}, {"first_name", "Inès"}, {"last_name", "Da Silva"}}));
    CHECK(s.errors().at("phone").find("e-mail ou un numéro") != std::string::npos);
    REQUIRE(fx.fill({{"email", "ines@exemple.fr"}}));
    REQUIRE(s.confirm());
    CHECK(fx.store.stored()[0].connector == "open311");
    CHECK(fx.store.stored()[0].answers == json{{"service_code", "eclairage"}, {"danger", false},
                                                {"address_string", "Devant l'école Jules-Ferry"},
                                                {"description", "Le lampadaire est éteint depuis une semaine."},
                                                {"suivi", true}, {"first_name", "Inès"}, {"last_name", "Da Silva"},
                                                {"email", "ines@exemple.fr"}});
}

TEST_CASE("procedures.wizard death act: anyone, full copy", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-deces");
    CHECK(s.choices("type_acte").size() == 2);
    REQUIRE(fx.fill({{"type_acte", "copie_integrale"}, {"exemplaires", 3}}));
    CHECK_FALSE(fx.fill({{"defunt_nom", "Bernard"}, {"defunt_prenoms", "Louis"}, {"date_deces", "01/12/2026"}}));
    CHECK(s.errors().at("date_deces").find("futur") != std::string::npos);
    REQUIRE(fx.fill({{"date_deces", "01/11/2026"}}));
    REQUIRE(fx.fill({{"qualite", "autre"}, {"demandeur_nom", "Petit"}, {"demandeur_prenom", "Anne"}}));
    REQUIRE(fx.fill({{"mode_reception", "retrait_mairie"}}));
    REQUIRE(s.confirm());
}

TEST_CASE("procedures.wizard marriage act for the spouses", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-mariage");
    REQUIRE(fx.fill({{"qualite", "autre"}}));
    CHECK_FALSE(s.choices("type_acte")[0].available);
    CHECK(s.choices("type_acte")[2].available);
    s.back();
    REQUIRE(fx.fill({{"qualite", "interesse"}}));
    REQUIRE(fx.fill({{"type_acte", "extrait_filiation"}, {"exemplaires", 1}}));
    REQUIRE(fx.fill({{"epoux1_nom", "Moreau"}, {"epoux1_prenoms", "Claire"}, {"epoux2_nom", "N'Guessan"},
                     {"epoux2_prenoms", "Koffi"}, {"date_mariage", "21/06/2008"}}));
    REQUIRE(fx.fill({{"parent1_connu", true}, {"parent1_nom", "Moreau"}, {"parent1_prenom", "Henri"}}));
    REQUIRE(fx.fill({{"parent2_connu", false}}));
    REQUIRE(fx.fill({{"mode_reception", "retrait_mairie"}}));
    REQUIRE(fx.fill({{"email", "claire.moreau@free.fr"}}));
    REQUIRE(s.confirm());
    CHECK(fx.store.stored()[0].answers["epoux2_nom"] == "N'Guessan");
}
