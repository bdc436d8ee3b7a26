// The card service against the in-process emulated readers: status follows the slot, the
// identifier is read when asked (waiting for the card), failures map to clear errors, and
// the identifier never reaches the log.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "drivers/common/log.hpp"
#include "kiosk/card/reader_sources.hpp"

using namespace guichet;
using namespace guichet::card;
using namespace std::chrono_literals;

namespace {

CardConfig cityConfig() {
    CardConfig c;
    c.aid = emu::cityCardAid();
    c.fileId = 0xE101;
    c.length = 15;
    c.commandTimeout = 500ms;
    return c;
}

// Runs the UI queue until `pred` holds (or 3 s pass).
template <class P>
bool pump(MainThreadQueue& q, P pred, std::chrono::milliseconds limit = 3000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        q.runPending();
        if (pred()) return true;
        std::this_thread::sleep_for(5ms);
    }
    q.runPending();
    return pred();
}

struct Rig {
    MainThreadQueue ui;
    std::vector<DeviceEvent> events;
    std::shared_ptr<emu::EmulatedCcidReader> reader;
    std::unique_ptr<CardService> service;
    explicit Rig(emu::ReaderModel model = emu::idBridgeCt30(), CardConfig config = cityConfig()) {
        reader = std::make_shared<emu::EmulatedCcidReader>(model);
        service = std::make_unique<CardService>(config, ui, [this](const DeviceEvent& e) { events.push_back(e); });
    }
    void attach() {
        service->attach(emulatedReaderHandle(reader));
        REQUIRE(pump(ui, [&] { return service->status() == DeviceStatus::NoCard || service->status() == DeviceStatus::CardPresent; }));
    }
    std::optional<Result<std::string>> read() {
        std::optional<Result<std::string>> out;
        service->readIdentifier([&](Result<std::string> r) { out = std::move(r); });
        pump(ui, [&] { return out.has_value(); });
        return out;
    }
};

}  // namespace

TEST_CASE("card.service status follows reader and slot", "[card][service]") {
    Rig rig;
    CHECK(rig.service->status() == DeviceStatus::Absent);
    rig.attach();
    CHECK(rig.service->status() == DeviceStatus::NoCard);
    CHECK(rig.service->deviceId() == "emulator:card-reader");
    rig.reader->insertCard(emu::cityCardT1());
    REQUIRE(pump(rig.ui, [&] { return rig.service->status() == DeviceStatus::CardPresent; }));
    rig.reader->removeCard();
    REQUIRE(pump(rig.ui, [&] { return rig.service->status() == DeviceStatus::NoCard; }));
    rig.service->detach("emulator:card-reader");
    REQUIRE(pump(rig.ui, [&] { return rig.service->status() == DeviceStatus::Absent; }));
    // Every change reached the UI thread as a DeviceEvent.
    std::vector<DeviceStatus> seen;
    for (const auto& e : rig.events) {
        CHECK(e.kind == DeviceKind::CardReader);
        seen.push_back(e.status);
    }
    CHECK(seen == std::vector<DeviceStatus>{DeviceStatus::NoCard, DeviceStatus::CardPresent, DeviceStatus::NoCard,
                                            DeviceStatus::Absent});
}

TEST_CASE("card.service reads the id of a contact card, T=1 and T=0", "[card][service]") {
    for (auto profile : {emu::cityCardT1(), emu::cityCardT0()}) {
        Rig rig;
        rig.attach();
        rig.reader->insertCard(profile);
        auto r = rig.read();
        REQUIRE(r.has_value());
        REQUIRE(r->ok());
        CHECK(r->value() == "CV-75056-004217");
        // The card stays in the slot (the wizard asks the resident to take it back) and is off.
        REQUIRE(pump(rig.ui, [&] { return rig.service->status() == DeviceStatus::CardPresent; }));
        CHECK_FALSE(rig.reader->cardPowered());
        bool sawBusy = false;
        for (const auto& e : rig.events) sawBusy |= e.status == DeviceStatus::Busy;
        CHECK(sawBusy);
    }
}

TEST_CASE("card.service waits for the card, then reads it", "[card][service]") {
    Rig rig;
    rig.attach();
    std::optional<Result<std::string>> out;
    rig.service->readIdentifier([&](Result<std::string> r) { out = std::move(r); });
    pump(rig.ui, [&] { return out.has_value(); }, 300ms);
    CHECK_FALSE(out.has_value());  // no card yet: still waiting
    rig.reader->insertCard(emu::cityCardT1());
    REQUIRE(pump(rig.ui, [&] { return out.has_value(); }));
    REQUIRE(out->ok());
    CHECK(out->value() == "CV-75056-004217");
}

TEST_CASE("card.service reads a contactless UID with the ACR122U", "[card][service]") {
    CardConfig c;
    c.source = IdentifierSource::ContactlessUid;
    Rig rig(emu::acr122u(), c);
    rig.attach();
    rig.reader->insertCard(emu::contactlessCityCard());
    auto r = rig.read();
    REQUIRE(r.has_value());
    REQUIRE(r->ok());
    CHECK(r->value() == "04523A6A912B80");
}

TEST_CASE("card.service failures: no reader, mute card, other card, cancel, unplug", "[card][service]") {
    {
        Rig rig;  // nothing attached
        auto r = rig.read();
        REQUIRE(r.has_value());
        CHECK(r->error().code == ErrorCode::NotFound);
    }
    {
        Rig rig;
        rig.attach();
        auto mute = emu::cityCardT1();
        mute.mute = true;
        rig.reader->insertCard(mute);
        auto r = rig.read();
        REQUIRE(r.has_value());
        CHECK(r->error().code == ErrorCode::Timeout);
    }
    {
        Rig rig;
        rig.attach();
        auto other = emu::cityCardT1();
        other.aid = *fromHex("A0 00 00 00 04 10 10");
        rig.reader->insertCard(other);
        auto r = rig.read();
        REQUIRE(r.has_value());
        CHECK(r->error().code == ErrorCode::Rejected);
    }
    {
        Rig rig;
        rig.attach();
        std::optional<Result<std::string>> out;
        rig.service->readIdentifier([&](Result<std::string> r) { out = std::move(r); });
        rig.service->cancel();  // "Je n'ai pas ma carte"
        REQUIRE(pump(rig.ui, [&] { return out.has_value(); }));
        CHECK(out->error().code == ErrorCode::Cancelled);
    }
    {
        Rig rig;
        rig.attach();
        auto slow = emu::cityCardT1();
        slow.timeExtensions = 1000;
        rig.reader->setTimeExtensionDelay(50ms);
        rig.reader->insertCard(slow);
        REQUIRE(pump(rig.ui, [&] { return rig.service->status() == DeviceStatus::CardPresent; }));
        std::optional<Result<std::string>> out;
        rig.service->readIdentifier([&](Result<std::string> r) { out = std::move(r); });
        REQUIRE(pump(rig.ui, [&] { return rig.service->status() == DeviceStatus::Busy; }));
        rig.reader->unplug();  // pulled out in the middle of the read
        REQUIRE(pump(rig.ui, [&] { return out.has_value(); }));
        CHECK(out->error().code == ErrorCode::Disconnected);
        REQUIRE(pump(rig.ui, [&] { return rig.service->status() == DeviceStatus::Absent; }));
    }
}

TEST_CASE("card.service never writes the identifier to the log", "[card][service]") {
    // Capture stderr (where log:: writes) at the most verbose level.
    std::fflush(stderr);
    char path[] = "/tmp/guichet-card-log-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    const int saved = dup(2);
    dup2(fd, 2);
    log::setLevel(log::Level::Debug);
    std::string id;
    {
        Rig rig;
        rig.attach();
        rig.reader->insertCard(emu::cityCardT1());
        auto r = rig.read();
        if (r && r->ok()) id = r->value();
        auto other = emu::cityCardT1();
        other.fileContent = Bytes{0x01, 'C', 'V'};
        rig.reader->removeCard();
        rig.reader->insertCard(other);
        (void)rig.read();
    }
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    log::setLevel(log::Level::Info);
    std::ifstream in(path);
    std::stringstream logged;
    logged << in.rdbuf();
    std::remove(path);
    REQUIRE(id == "CV-75056-004217");
    CHECK(logged.str().find("card: ") != std::string::npos);  // the service did log its states
    CHECK(logged.str().find("75056") == std::string::npos);
    CHECK(logged.str().find("004217") == std::string::npos);
}

TEST_CASE("card.service a newer read supersedes one still waiting for the card", "[card][service]") {
    Rig rig;
    rig.attach();
    std::optional<Result<std::string>> first, second;
    rig.service->readIdentifier([&](Result<std::string> r) { first = std::move(r); });
    pump(rig.ui, [&] { return false; }, 250ms);  // the worker has taken the first request
    rig.service->readIdentifier([&](Result<std::string> r) { second = std::move(r); });
    REQUIRE(pump(rig.ui, [&] { return first.has_value(); }));
    CHECK(first->error().code == ErrorCode::Cancelled);
    rig.reader->insertCard(emu::cityCardT0());
    REQUIRE(pump(rig.ui, [&] { return second.has_value(); }));
    REQUIRE(second->ok());
    CHECK(second->value() == "CV-75056-004217");
}
