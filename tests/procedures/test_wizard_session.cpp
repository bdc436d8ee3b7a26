#include "wizard_fixture.hpp"

using namespace wizard_test;
using State = WizardSession::State;

namespace {
const std::map<std::string, json> kNaissance = {
    {"qualite", "interesse"}, {"type_acte", "copie_integrale"}, {"exemplaires", "2"},
    {"nom_naissance", "Lefèvre"}, {"prenoms", "Marie Hélène"}, {"sexe", "F"}, {"date_naissance", "14/07/1952"},
    {"commune_naissance", "Bellerive-sur-Loire"}, {"parent1_connu", true}, {"parent1_nom", "Lefèvre"},
    {"parent1_prenom", "Jean"}, {"parent2_connu", false}, {"mode_reception", "retrait_mairie"},
    {"telephone", "06 12 34 56 78"}, {"email", ""}};
}

TEST_CASE("procedures.wizard birth act from first page to stored submission", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    // Steps that depend on answers not given yet: no total is said until they are given
    // (it would read "sur 5", then "sur 7" once the act type calls for the parents).
    CHECK(s.indicator().text == "Étape 1");
    CHECK(fx.pageIds() == std::vector<std::string>{"qualite"});  // justification only for professionals
    REQUIRE(fx.fill(kNaissance));
    CHECK(s.indicator().text == "Étape 2");  // the act type, on this page, decides the parents' steps
    REQUIRE(fx.fill(kNaissance));
    CHECK(s.indicator().text == "Étape 3 sur 7");
    CHECK(fx.pageIds() == std::vector<std::string>{"nom_naissance", "prenoms", "sexe", "date_naissance", "commune_naissance"});
    REQUIRE(fx.fill(kNaissance));
    CHECK(fx.pageIds() == std::vector<std::string>{"parent1_connu"});
    s.setAnswer("parent1_connu", true);  // the names of the first parent appear on the same page
    CHECK(fx.pageIds() == std::vector<std::string>{"parent1_connu", "parent1_nom", "parent1_prenom"});
    REQUIRE(fx.fill(kNaissance));
    CHECK(fx.pageIds() == std::vector<std::string>{"parent2_connu"});  // "inconnu": no names asked
    REQUIRE(fx.fill(kNaissance));
    CHECK(fx.pageIds() == std::vector<std::string>{"mode_reception"});  // no address for a pick-up
    REQUIRE(fx.fill(kNaissance));
    REQUIRE(fx.fill(kNaissance));
    REQUIRE(s.state() == State::Review);
    auto review = s.review();
    auto find = [&](const std::string& id) {
        for (const auto& r : review) if (r.fieldId == id) return r.value;
        return std::string("absent");
    };
    CHECK(find("type_acte") == "Copie intégrale");
    CHECK(find("date_naissance") == "14/07/1952");
    CHECK(find("telephone") == "06 12 34 56 78");
    CHECK(find("email") == "—");
    CHECK(find("parent2_nom") == "absent");
    REQUIRE(s.confirm());
    CHECK(s.state() == State::Done);
    REQUIRE(fx.store.stored().size() == 1);
    const auto& sub = fx.store.stored()[0];
    CHECK(sub.procedureId == "acte-naissance");
    CHECK(sub.procedureVersion == 1);
    CHECK(sub.connector == "directory");
    CHECK(sub.terminalId == "borne-test");
    CHECK(sub.createdAt == 1795000000);
    CHECK(sub.reference == guichet::referenceFromUuid(sub.uuid));
    CHECK(sub.answers == json{{"qualite", "interesse"}, {"type_acte", "copie_integrale"}, {"exemplaires", 2},
                              {"nom_naissance", "Lefèvre"}, {"prenoms", "Marie Hélène"}, {"sexe", "F"},
                              {"date_naissance", "1952-07-14"}, {"commune_naissance", "Bellerive-sur-Loire"},
                              {"parent1_connu", true}, {"parent1_nom", "Lefèvre"}, {"parent1_prenom", "Jean"},
                              {"parent2_connu", false}, {"mode_reception", "retrait_mairie"}, {"telephone", "+33612345678"}});
}

TEST_CASE("procedures.wizard a qualité that may not have a full copy sees why", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    REQUIRE(fx.fill({{"qualite", "autre"}}));
    auto choices = s.choices("type_acte");
    REQUIRE(choices.size() == 4);
    CHECK_FALSE(choices[0].available);
    CHECK(choices[0].unavailableText.find("Vous pouvez demander un extrait sans filiation") != std::string::npos);
    CHECK(choices[2].available);  // sans filiation
    CHECK_FALSE(fx.fill({{"type_acte", "copie_integrale"}, {"exemplaires", 1}}));  // typed in anyway (keypad, old answer)
    CHECK(s.errors().at("type_acte").find("réservée") != std::string::npos);
    REQUIRE(fx.fill({{"type_acte", "extrait_sans_filiation"}}));
    REQUIRE(fx.fill({{"nom_naissance", "Martin"}, {"prenoms", "Paul"}, {"sexe", "M"}, {"date_naissance", "01/02/1990"},
                     {"commune_naissance", "Tours"}}));
    CHECK(fx.pageIds() == std::vector<std::string>{"demandeur_nom", "demandeur_prenom"});  // no filiation step
}

TEST_CASE("procedures.wizard a minor asking for their own full copy is stopped by the decree rule", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    REQUIRE(fx.fill({{"qualite", "interesse"}}));
    REQUIRE(fx.fill({{"type_acte", "copie_integrale"}, {"exemplaires", 1}}));
    CHECK_FALSE(fx.fill({{"nom_naissance", "Petit"}, {"prenoms", "Léa"}, {"sexe", "F"}, {"date_naissance", "10/05/2012"},
                         {"commune_naissance", "Bellerive-sur-Loire"}}));
    CHECK(s.errors().at("date_naissance").find("mineure non émancipée") != std::string::npos);
    CHECK(s.indicator().step == 3);  // still on the same page, nothing lost
    CHECK(s.rawAnswer("prenoms")->get<std::string>() == "Léa");
}

TEST_CASE("procedures.wizard errors name the fix and are cleared when corrected", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    REQUIRE(fx.fill({{"qualite", "interesse"}}));
    REQUIRE(fx.fill({{"type_acte", "extrait_sans_filiation"}, {"exemplaires", 1}}));
    CHECK_FALSE(fx.fill({{"nom_naissance", "Dupont2"}, {"prenoms", "Jean--Luc"}, {"sexe", "M"}, {"date_naissance", "29/02/2023"},
                         {"commune_naissance", "Tours"}}));
    CHECK(s.errors().size() == 3);
    CHECK(s.errors().at("date_naissance").find("29 février n'existe pas en 2023") != std::string::npos);
    CHECK(s.errors().at("nom_naissance").find("chiffres") != std::string::npos);
    s.setAnswer("nom_naissance", "Dupont");
    CHECK(s.errors().count("nom_naissance") == 0);
    // An extract without filiation may be asked by anyone, whatever the age on the act.
    CHECK(fx.fill({{"prenoms", "Jean-Luc"}, {"date_naissance", "28/02/2023"}}));
    CHECK(s.errors().empty());
}

TEST_CASE("procedures.wizard back never loses answers, even hidden ones", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    REQUIRE(fx.fill({{"qualite", "professionnel"}, {"justification", "Notaire, étude Martin"}}));
    CHECK(s.back());
    CHECK(s.rawAnswer("justification")->get<std::string>() == "Notaire, étude Martin");
    CHECK_FALSE(s.back());  // first page: nothing before
    REQUIRE(fx.fill({{"qualite", "interesse"}}));  // justification hidden now, kept in memory
    REQUIRE(s.rawAnswer("justification"));
    CHECK(s.back());
    REQUIRE(fx.fill({{"qualite", "professionnel"}}));  // shown again, with the typed text
    CHECK(s.value("justification") == json("Notaire, étude Martin"));
}

TEST_CASE("procedures.wizard hidden answers are left out of the submission", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    auto answers = kNaissance;
    answers["qualite"] = "professionnel";
    answers["justification"] = "Notaire, étude Martin";
    answers["demandeur_nom"] = "Martin";
    answers["demandeur_prenom"] = "Luc";
    answers["mode_reception"] = "courrier";
    answers["adresse"] = json{{"voie", "3 place du Marché"}, {"code_postal", "45990"}, {"commune", "Bellerive-sur-Loire"}};
    while (s.state() == State::Question) REQUIRE(fx.fill(answers));
    // Change of mind from the review: pick-up instead of mail. The address stays typed, unsent.
    s.change("mode_reception");
    CHECK(s.state() == State::Question);
    REQUIRE(fx.fill({{"mode_reception", "retrait_mairie"}}));
    CHECK(s.state() == State::Review);  // straight back to the review
    REQUIRE(s.confirm());
    const auto& sub = fx.store.stored().at(0);
    CHECK(sub.answers.contains("justification"));
    CHECK_FALSE(sub.answers.contains("adresse"));
    CHECK(sub.answers["mode_reception"] == "retrait_mairie");
}

TEST_CASE("procedures.wizard change from review asks newly needed questions first", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    auto answers = kNaissance;
    answers["type_acte"] = "extrait_sans_filiation";
    while (s.state() == State::Question) REQUIRE(fx.fill(answers));
    CHECK(s.indicator().stepCount == 5);
    // A full copy needs the parents, never asked so far: the wizard goes there, not to the review.
    s.change("type_acte");
    REQUIRE(fx.fill({{"type_acte", "copie_integrale"}}));
    CHECK(s.state() == State::Question);
    CHECK(fx.pageIds() == std::vector<std::string>{"parent1_connu"});
    REQUIRE(fx.fill({{"parent1_connu", false}}));  // "inconnu" is allowed
    CHECK(s.state() == State::Question);
    REQUIRE(fx.fill({{"parent2_connu", false}}));
    CHECK(s.state() == State::Review);
    // Mail needs an address, which appears on the same page as the choice.
    s.change("mode_reception");
    CHECK_FALSE(fx.fill({{"mode_reception", "courrier"}}));
    CHECK(fx.pageIds() == std::vector<std::string>{"mode_reception", "adresse"});
    CHECK(s.errors().count("adresse") == 1);
    REQUIRE(fx.fill({{"adresse", json{{"voie", "3 place du Marché"}, {"code_postal", "45990"}, {"commune", "Bellerive-sur-Loire"}}}}));
    CHECK(s.state() == State::Review);
    REQUIRE(s.confirm());
    CHECK(fx.store.stored()[0].answers["parent1_connu"] == false);
    CHECK_FALSE(fx.store.stored()[0].answers.contains("parent1_nom"));
}

TEST_CASE("procedures.wizard large text asks one question a page", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance", true);
    int pages = 0;
    while (s.state() == State::Question) {
        CHECK(s.currentFields().size() == 1);
        REQUIRE(fx.fill(kNaissance));
        ++pages;
    }
    CHECK(pages == 15);  // qualité, type, copies, 5 about the person, 4 about the parents, reception, phone, e-mail
    s.back();
    CHECK(fx.pageIds() == std::vector<std::string>{"email"});
    CHECK(s.indicator().text == "Étape 7 sur 7 — question 2 sur 2");
}

TEST_CASE("procedures.wizard switching text size keeps the question in view", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance", true);
    REQUIRE(fx.fill(kNaissance));
    REQUIRE(fx.fill(kNaissance));
    REQUIRE(fx.fill(kNaissance));
    REQUIRE(fx.fill(kNaissance));  // now on "prenoms"
    CHECK(fx.pageIds() == std::vector<std::string>{"prenoms"});
    s.setLargeText(false);
    CHECK(fx.pageIds() == std::vector<std::string>{"nom_naissance", "prenoms", "sexe", "date_naissance", "commune_naissance"});
    s.setLargeText(true);
    CHECK(fx.pageIds() == std::vector<std::string>{"prenoms"});
}

TEST_CASE("procedures.wizard the contact rule needs a phone or an e-mail", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    auto answers = kNaissance;
    answers["telephone"] = "";
    while (s.state() == State::Question && s.indicator().step < 7) REQUIRE(fx.fill(answers));
    CHECK_FALSE(fx.fill(answers));
    CHECK(s.errors().at("email").find("au moins un numéro de téléphone ou une adresse e-mail") != std::string::npos);
    REQUIRE(fx.fill({{"email", "marie.lefevre@orange.fr"}}));
}

TEST_CASE("procedures.wizard cancel asks once, then wipes everything", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    REQUIRE(fx.fill({{"qualite", "interesse"}}));
    s.requestCancel();
    CHECK(s.state() == State::ConfirmCancel);
    s.resumeAfterCancelRequest();
    CHECK(s.state() == State::Question);
    CHECK(s.rawAnswer("qualite") != nullptr);
    s.requestCancel();
    s.confirmCancel();
    CHECK(s.state() == State::Cancelled);
    CHECK(s.rawAnswer("qualite") == nullptr);
    CHECK_FALSE(s.next());
    CHECK(fx.store.stored().empty());
}

TEST_CASE("procedures.wizard a store failure keeps the answers and allows a retry", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    while (s.state() == State::Question) REQUIRE(fx.fill(kNaissance));
    fx.store.failNext();
    auto r = s.confirm();
    REQUIRE_FALSE(r);
    CHECK(r.error().code == guichet::ErrorCode::NoSpace);
    CHECK(r.error().message.find("Vos réponses sont gardées") != std::string::npos);
    CHECK(s.state() == State::Review);
    CHECK(s.receipt().elements.empty());  // nothing printed before the commit
    REQUIRE(s.confirm());
    CHECK(fx.store.stored().size() == 1);
}

TEST_CASE("procedures.wizard receipt shows the reference, the rows and a QR", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    while (s.state() == State::Question) REQUIRE(fx.fill(kNaissance));
    REQUIRE(s.confirm());
    auto lines = s.receipt().spokenLines();
    const std::string ref = s.submission().reference;
    auto has = [&](const std::string& text) {
        for (const auto& l : lines) if (l.find(text) != std::string::npos) return true;
        return false;
    };
    CHECK(has("Demande d'acte de naissance"));
    CHECK(has("Mairie de Bellerive-sur-Loire"));
    CHECK(has(ref));
    CHECK(has("Copie intégrale"));
    CHECK(has("Lefèvre Marie Hélène"));
    CHECK(has("14/07/1952"));
    CHECK(has("Le 28/11/2026 à"));
    CHECK(has("5 jours ouvrés"));
    bool qr = false;
    for (const auto& e : s.receipt().elements)
        if (auto* q = std::get_if<guichet::doc::Qr>(&e))  // the town's follow-up page, not a bare code
            qr = q->data == "https://www.bellerive-sur-loire.fr/suivi?reference=" + ref;
    CHECK(qr);
}

TEST_CASE("procedures.wizard appointment slots are booked once per desk", "[wizard]") {
    Fixture fx;
    std::string slot;
    for (int person = 0; person < 3; ++person) {
        auto& s = fx.start("rdv-titres");
        REQUIRE(fx.fill({{"titre", "passeport"}, {"motif", "renouvellement"}, {"nb_personnes", 2}}));
        CHECK(fx.pageIds() == std::vector<std::string>{"ants_1", "ants_2"});
        CHECK_FALSE(fx.fill({{"ants_1", "A1B2C3D4E5"}, {"ants_2", "a1b2 c3d4 e5"}}));
        CHECK(s.errors().at("ants_2").find("déjà celui de la personne 1") != std::string::npos);
        REQUIRE(fx.fill({{"ants_2", "Z9Y8X7W6V5"}}));
        auto slots = s.slots("creneau");
        REQUIRE_FALSE(slots.empty());
        if (person == 0) slot = slots.front().id;
        bool ok = fx.fill({{"creneau", slot}});
        if (person == 2) {  // two desks: the third resident cannot take the same slot
            CHECK_FALSE(ok);
            CHECK(s.errors().at("creneau").find("plus disponible") != std::string::npos);
            CHECK(slots.front().id != slot);
            break;
        }
        REQUIRE(ok);
        REQUIRE(fx.fill({{"nom", "Durand"}, {"prenom", "Ali"}, {"rappel", "sms"}, {"telephone", "02 38 00 00 00"}}) == false);
        CHECK(s.errors().at("telephone").find("portable") != std::string::npos);
        REQUIRE(fx.fill({{"telephone", "07 11 22 33 44"}}));
        REQUIRE(s.confirm());
        CHECK(fx.store.stored().back().answers["creneau"] == slot);
        CHECK(fx.store.stored().back().answers["ants_2"] == "Z9Y8X7W6V5");
    }
}

TEST_CASE("procedures.wizard survey is anonymous and multiple choice", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("avis");
    CHECK_FALSE(fx.fill({{"note_accueil", 6}}));
    REQUIRE(fx.fill({{"note_accueil", 4}, {"services", json::array({"titres", "scolaire"})}, {"borne_facile", "plutot"}}));
    REQUIRE(fx.fill({}));  // the comment is optional
    REQUIRE(s.confirm());
    CHECK(fx.store.stored()[0].answers == json{{"note_accueil", 4}, {"services", {"titres", "scolaire"}}, {"borne_facile", "plutot"}});
    bool qr = false;
    for (const auto& e : s.receipt().elements) qr |= std::holds_alternative<guichet::doc::Qr>(e);
    CHECK_FALSE(qr);
    // Anonymous: no reference on its receipt, nothing about keeping one (issue 14).
    for (const auto& line : s.receipt().spokenLines()) {
        CHECK(line.find(s.submission().reference) == std::string::npos);
        CHECK(line.find("référence") == std::string::npos);
    }
}

TEST_CASE("procedures.wizard other languages with French fallback", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("avis");
    s.setLanguage("en");
    CHECK(s.currentStep().title.in("en") == "Your opinion");
    auto choices = s.choices("borne_facile");
    CHECK(choices[1].choice->label.in("en") == "Mostly");
    s.setLanguage("de");
    CHECK(s.currentStep().title.in("de") == "Ihre Meinung");  // the shipped catalogue has all six
    CHECK(s.currentStep().title.resolve("nl").fallback);       // a language it lacks: French, marked
}

// The counter says a total only once no answer still to give can change it (issue 14:
// "Étape 2 sur 5" then "Étape 2 sur 7" made residents think they had gone wrong).
TEST_CASE("procedures.wizard the step counter never jumps", "[wizard]") {
    for (bool largeText : {false, true}) {
        for (const char* typeActe : {"copie_integrale", "extrait_sans_filiation"}) {
            INFO((largeText ? "large text, " : "standard, ") << typeActe);
            Fixture fx;
            auto& s = fx.start("acte-naissance", largeText);
            auto answers = kNaissance;
            answers["type_acte"] = typeActe;
            std::optional<int> total;
            std::vector<std::string> said;
            while (s.state() == State::Question) {
                auto ind = s.indicator();
                said.push_back(ind.text);
                if (ind.stepCountKnown) {
                    CHECK(ind.text.find(" sur " + std::to_string(ind.stepCount)) != std::string::npos);
                    if (total) CHECK(*total == ind.stepCount);  // once said, never changed
                    total = ind.stepCount;
                } else {
                    CHECK_FALSE(total);  // unknown after known would be a jump back
                    CHECK(ind.text.rfind("Étape " + std::to_string(ind.step), 0) == 0);
                    CHECK(ind.text.find("Étape " + std::to_string(ind.step) + " sur") == std::string::npos);
                }
                REQUIRE(fx.fill(answers));
            }
            REQUIRE(total);  // the total is known before the end
            std::string all;
            for (const auto& t : said) all += t + " | ";
            INFO(all);
            CHECK(said.front().rfind("Étape 1", 0) == 0);
        }
    }
}
