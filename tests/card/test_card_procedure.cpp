// A procedure that uses the card step, end to end below the UI: the bill payment of the
// shipped catalogue, its family identifier read from a card in the emulated CT30 by the
// card service, then "take your card back" before the confirmation; and the fallback
// ("Je n'ai pas ma carte") when the resident cancels the read and types the identifier.
#include <catch2/catch.hpp>

#include <thread>

#include "kiosk/card/identifier_reader.hpp"
#include "kiosk/card/reader_sources.hpp"
#include "kiosk/card/take_card_back.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/in_memory_submission_store.hpp"
#include "kiosk/procedures/wizard_session.hpp"

using namespace guichet;
using namespace guichet::card;
using namespace guichet::procedures;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

const Catalogue& catalogue() {
    static const Catalogue c = [] {
        auto load = loadCatalogue(std::string(GUICHET_SOURCE_DIR) + "/config/procedures");
        REQUIRE(load.ok());
        return std::move(load.catalogue);
    }();
    return c;
}

template <class P>
bool pump(MainThreadQueue& q, P pred, std::chrono::milliseconds limit = 3000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        q.runPending();
        if (pred()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return pred();
}

emu::VirtualCardProfile familyCard() {
    auto p = emu::cityCardT1();
    p.name = "carte famille";
    const std::string id = "FAM04521";
    p.fileContent.assign(id.begin(), id.end());
    p.fileContent.resize(16, 0x00);  // fixed-size file, zero-padded
    return p;
}

struct Terminal {
    InMemorySubmissionStore store;
    AppointmentBook book = makeAppointmentBook(catalogue().settings);
    MainThreadQueue ui;
    std::shared_ptr<emu::EmulatedCcidReader> reader = std::make_shared<emu::EmulatedCcidReader>(emu::idBridgeCt30());
    std::unique_ptr<CardService> cards;
    std::unique_ptr<WizardSession> session;

    Terminal() {
        auto config = loadCardConfig(std::string(GUICHET_SOURCE_DIR) + "/config/card.toml");
        REQUIRE(config.ok());
        config->length = 16;
        cards = std::make_unique<CardService>(*config, ui);
        cards->attach(emulatedReaderHandle(reader));
        WizardOptions o;
        o.today = {2026, 11, 28};
        o.now = 1795000000;
        const Procedure* p = catalogue().find("paiement-facture");
        REQUIRE(p);
        session = std::make_unique<WizardSession>(*p, catalogue().settings, store, &book, o);
    }
};

}  // namespace

TEST_CASE("card.procedure bill payment identified by the family card", "[card][procedure]") {
    Terminal t;
    auto& s = *t.session;
    s.setAnswer("service", "cantine");

    // The card step opens: the service waits for the card, the resident inserts it.
    std::optional<Result<std::string>> read;
    t.cards->readIdentifier([&](Result<std::string> r) { read = std::move(r); });
    t.reader->insertCard(familyCard());
    REQUIRE(pump(t.ui, [&] { return read.has_value(); }));
    REQUIRE(read->ok());
    std::string id = std::move(read->value());
    s.setCardIdentifier("identifiant_famille", id);
    wipeStorage(id);
    read.reset();

    s.setAnswer("reference_facture", "2026-11-004521");
    s.setAnswer("montant", "42,50 €");
    REQUIRE(s.next());
    s.setAnswer("mode", "en_ligne");
    REQUIRE(s.next());
    REQUIRE(s.state() == WizardSession::State::Review);

    // Before the confirmation page: "Reprenez votre carte", with a chime, until it is out.
    TakeCardBack takeBack(1s);
    auto now = TakeCardBack::Clock::now();
    REQUIRE(pump(t.ui, [&] { return t.cards->status() == DeviceStatus::CardPresent; }));
    CHECK(takeBack.update(t.cards->status(), now).chime);
    CHECK_FALSE(takeBack.update(t.cards->status(), now + 500ms).done);
    t.reader->removeCard();
    REQUIRE(pump(t.ui, [&] { return t.cards->status() == DeviceStatus::NoCard; }));
    CHECK(takeBack.update(t.cards->status(), now + 1500ms).done);

    REQUIRE(s.confirm());
    const auto& sub = t.store.stored().at(0);
    CHECK(sub.answers["identifiant_famille"] == json{{"source", "card"}, {"value", "FAM04521"}});
    CHECK(s.paymentUrl().find("famille=FAM04521") != std::string::npos);
}

TEST_CASE("card.procedure without the card: cancel the read and type the identifier", "[card][procedure]") {
    Terminal t;
    auto& s = *t.session;
    s.setAnswer("service", "periscolaire");
    std::optional<Result<std::string>> read;
    t.cards->readIdentifier([&](Result<std::string> r) { read = std::move(r); });
    t.cards->cancel();  // "Je n'ai pas ma carte"
    REQUIRE(pump(t.ui, [&] { return read.has_value(); }));
    CHECK(read->error().code == ErrorCode::Cancelled);
    s.setAnswer("identifiant_famille", "FAM04521");
    s.setAnswer("reference_facture", "2026-11-004521");
    s.setAnswer("montant", "12");
    REQUIRE(s.next());
    s.setAnswer("mode", "guichet");
    REQUIRE(s.next());
    REQUIRE(s.confirm());
    CHECK(t.store.stored().at(0).answers["identifiant_famille"] == json{{"source", "saisie"}, {"value", "FAM04521"}});
}

TEST_CASE("card.procedure a card of another kind is refused with a French message", "[card][procedure]") {
    Terminal t;
    auto other = familyCard();
    other.aid = *fromHex("A0 00 00 00 42 10 10");  // a bank card's application
    t.reader->insertCard(other);
    std::optional<Result<std::string>> read;
    t.cards->readIdentifier([&](Result<std::string> r) { read = std::move(r); });
    REQUIRE(pump(t.ui, [&] { return read.has_value(); }));
    REQUIRE_FALSE(read->ok());
    CHECK(residentMessage(read->error()) ==
          "Cette carte n’est pas une carte de la ville. Reprenez-la et touchez « Je n’ai pas ma carte ».");
}
