// Receipts as a resident needs them (issue 14): the reference and an appointment large
// enough to read again, only the next step of the option chosen, the town's phone where
// the receipt says to call, and a QR code only when it leads somewhere useful.
#include <variant>

#include "tests/procedures/wizard_fixture.hpp"

using namespace wizard_test;
using State = WizardSession::State;
namespace doc = guichet::doc;

namespace {
const std::map<std::string, json> kPickUp = {
    {"qualite", "interesse"}, {"type_acte", "copie_integrale"}, {"exemplaires", "1"},
    {"nom_naissance", "Lefèvre"}, {"prenoms", "Marie"}, {"sexe", "F"}, {"date_naissance", "14/07/1952"},
    {"commune_naissance", "Bellerive-sur-Loire"}, {"parent1_connu", false}, {"parent2_connu", false},
    {"mode_reception", "retrait_mairie"}, {"telephone", "06 12 34 56 78"}, {"email", ""}};

bool hasText(const doc::ReceiptDocument& d, const std::string& text) {
    for (const auto& l : d.spokenLines())
        if (l.find(text) != std::string::npos) return true;
    return false;
}
const doc::Text* largeText(const doc::ReceiptDocument& d, const std::string& text) {
    for (const auto& e : d.elements)
        if (const auto* t = std::get_if<doc::Text>(&e); t && t->large && t->text == text) return t;
    return nullptr;
}
const doc::Qr* qrOf(const doc::ReceiptDocument& d) {
    for (const auto& e : d.elements)
        if (const auto* q = std::get_if<doc::Qr>(&e)) return q;
    return nullptr;
}
}  // namespace

TEST_CASE("procedures.receipt the reference is printed double size", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    while (s.state() == State::Question) REQUIRE(fx.fill(kPickUp));
    REQUIRE(s.confirm());
    auto d = s.receipt();
    const doc::Text* ref = largeText(d, s.submission().reference);
    REQUIRE(ref);
    CHECK(ref->bold);
    CHECK(ref->align == doc::Align::Center);
    CHECK(hasText(d, "Votre référence"));
}

TEST_CASE("procedures.receipt only the next step of the option chosen", "[wizard]") {
    for (const char* mode : {"retrait_mairie", "courrier"}) {
        Fixture fx;
        auto& s = fx.start("acte-naissance");
        auto answers = kPickUp;
        answers["mode_reception"] = mode;
        answers["adresse"] = json{{"voie", "12 rue de la Mairie"}, {"code_postal", "45990"}, {"commune", "Bellerive-sur-Loire"}};
        while (s.state() == State::Question) REQUIRE(fx.fill(answers));
        REQUIRE(s.confirm());
        auto d = s.receipt();
        INFO(mode);
        CHECK(hasText(d, "5 jours ouvrés"));  // said whatever the option
        bool post = std::string(mode) == "courrier";
        CHECK(hasText(d, "Par courrier : l'acte arrive") == post);
        CHECK(hasText(d, "À la mairie : venez avec une pièce d'identité") == !post);
    }
}

TEST_CASE("procedures.receipt the QR code leads to the town's follow-up page, or is left out", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    while (s.state() == State::Question) REQUIRE(fx.fill(kPickUp));
    REQUIRE(s.confirm());
    const doc::ReceiptDocument receipt = s.receipt();  // kept alive: q points into it
    const doc::Qr* q = qrOf(receipt);
    REQUIRE(q);
    CHECK(q->data == "https://www.bellerive-sur-loire.fr/suivi?reference=" + s.submission().reference);
    CHECK(q->caption.find("suivre votre demande") != std::string::npos);

    // A town without a follow-up page: no QR code at all (a bare reference helps no phone).
    CatalogueSettings noFollowUp = catalogue().settings;
    noFollowUp.followUpUrl.clear();
    WizardOptions o;
    o.today = {2026, 11, 28};
    o.now = 1795000000;
    Fixture fx2;
    fx2.session = std::make_unique<WizardSession>(*catalogue().find("acte-naissance"), noFollowUp, fx2.store, nullptr, o);
    while (fx2.session->state() == State::Question) REQUIRE(fx2.fill(kPickUp));
    REQUIRE(fx2.session->confirm());
    CHECK(qrOf(fx2.session->receipt()) == nullptr);
    CHECK(hasText(fx2.session->receipt(), fx2.session->submission().reference));
}

TEST_CASE("procedures.receipt an appointment is printed double size, with the town's phone to cancel", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("rdv-titres");
    REQUIRE(fx.fill({{"titre", "passeport"}, {"motif", "renouvellement"}, {"nb_personnes", 1}}));
    REQUIRE(fx.fill({{"ants_1", "A1B2C3D4E5"}}));
    auto slots = s.slots("creneau");
    REQUIRE_FALSE(slots.empty());
    REQUIRE(fx.fill({{"creneau", slots.front().id}}));
    REQUIRE(fx.fill({{"nom", "Durand"}, {"prenom", "Ali"}, {"rappel", "sms"}, {"telephone", "07 11 22 33 44"}}));
    REQUIRE(s.confirm());
    auto d = s.receipt();
    // The label on its own line, then the day and time in double size.
    bool appointment = false;
    for (std::size_t i = 0; i + 1 < d.elements.size(); ++i) {
        const auto* label = std::get_if<doc::Text>(&d.elements[i]);
        const auto* value = std::get_if<doc::Text>(&d.elements[i + 1]);
        if (label && value && label->text == "Rendez-vous" && !label->large)
            appointment = value->large && value->text.find(" h ") != std::string::npos;
    }
    CHECK(appointment);
    CHECK(hasText(d, "appelez la mairie au 02 38 45 67 89"));
}

TEST_CASE("procedures.receipt is written in the session's language", "[wizard]") {
    Fixture fx;
    auto& s = fx.start("acte-naissance");
    s.setLanguage("es");
    while (s.state() == State::Question) REQUIRE(fx.fill(kPickUp));
    REQUIRE(s.confirm());
    auto d = s.receipt();
    CHECK(hasText(d, "Solicitud de acta de nacimiento"));
    CHECK(hasText(d, "Ayuntamiento de Bellerive-sur-Loire"));
    CHECK(hasText(d, "En el ayuntamiento: venga con un documento de identidad"));
    CHECK_FALSE(hasText(d, "À la mairie"));
}
