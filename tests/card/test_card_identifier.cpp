// Reading the configured identifier from the virtual cards, and what the resident is told.
#include <catch2/catch.hpp>

#include "drivers/ccid/t0_channel.hpp"
#include "drivers/emulators/ccid/virtual_card.hpp"
#include "kiosk/card/identifier_reader.hpp"

using namespace guichet;
using namespace guichet::card;

namespace {

CardConfig cityConfig() {
    CardConfig c;
    c.aid = emu::cityCardAid();
    c.fileId = 0xE101;
    c.length = 32;
    return c;
}

Result<std::string> readFrom(emu::VirtualCardProfile profile, const CardConfig& config) {
    emu::VirtualCard card(std::move(profile));
    ccid::T0Channel ch([&](std::span<const std::uint8_t> t) -> Result<Bytes> { return card.processT0(t); });
    return readIdentifier(ch, config);
}

}  // namespace

TEST_CASE("card.identifier reads the id file, trimming padding", "[card]") {
    auto id = readFrom(emu::cityCardT0(), cityConfig());
    REQUIRE(id.ok());
    CHECK(*id == "CV-75056-004217");

    auto padded = emu::cityCardT0();
    padded.fileContent.resize(24, 0xFF);  // fixed-size file, FF-padded
    auto id2 = readFrom(padded, cityConfig());
    REQUIRE(id2.ok());
    CHECK(*id2 == "CV-75056-004217");

    auto hex = cityConfig();
    hex.encoding = IdentifierEncoding::Hex;
    hex.length = 4;
    auto h = readFrom(emu::cityCardT0(), hex);
    REQUIRE(h.ok());
    CHECK(*h == "43562D37");
}

TEST_CASE("card.identifier refuses other cards and unreadable content", "[card]") {
    auto other = emu::cityCardT0();
    other.aid = *fromHex("A0 00 00 00 04 10 10");  // a payment card's application
    auto r = readFrom(other, cityConfig());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Rejected);
    CHECK(r.error().message == "card: SELECT: card answered 6A82 file or application not found (not a city card?)");

    auto noFile = cityConfig();
    noFile.fileId = 0xE102;
    CHECK(readFrom(emu::cityCardT0(), noFile).error().code == ErrorCode::Rejected);

    auto binary = emu::cityCardT0();
    binary.fileContent = Bytes{0x01, 0x02, 0xC3, 0xA9};
    auto b = readFrom(binary, cityConfig());
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().code == ErrorCode::Corrupt);
    CHECK(b.error().message.find("encoding = \"hex\"") != std::string::npos);

    auto empty = emu::cityCardT0();
    empty.fileContent = Bytes(8, 0x00);
    CHECK(readFrom(empty, cityConfig()).error().message == "card: the identifier file is empty");
}

TEST_CASE("card.identifier contactless UID mode", "[card]") {
    CardConfig c;
    c.source = IdentifierSource::ContactlessUid;
    ccid::ShortApduChannel uid([](std::span<const std::uint8_t> a) -> Result<Bytes> {
        if (a.size() == 5 && a[0] == 0xFF && a[1] == 0xCA) return *fromHex("04 52 3A 6A 91 2B 80 90 00");
        return *fromHex("6D 00");
    });
    auto r = readIdentifier(uid, c);
    REQUIRE(r.ok());
    CHECK(*r == "04523A6A912B80");
    // A contact reader passes FF CA to the card, which refuses it.
    ccid::ShortApduChannel contact([](std::span<const std::uint8_t>) -> Result<Bytes> { return *fromHex("6E 00"); });
    CHECK(readIdentifier(contact, c).error().code == ErrorCode::Rejected);
}

TEST_CASE("card.identifier resident messages are French and say what to do", "[card]") {
    CHECK(residentMessage(makeError(ErrorCode::Timeout, "x")) ==
          "La carte ne répond pas. Retirez-la, puis insérez-la à nouveau, puce vers le haut "
          "(ou reposez-la à plat sur le lecteur).");
    CHECK(residentMessage(makeError(ErrorCode::Rejected, "x")).find("Je n’ai pas ma carte") != std::string::npos);
    CHECK(residentMessage(makeError(ErrorCode::NotFound, "x")).rfind("Aucun lecteur de carte", 0) == 0);
    CHECK(residentMessage(makeError(ErrorCode::Protocol, "x")).rfind("La lecture de la carte a échoué", 0) == 0);
}

#include "kiosk/card/take_card_back.hpp"

TEST_CASE("card.take back chimes until the card leaves the slot", "[card]") {
    using namespace std::chrono_literals;
    TakeCardBack t(5s);
    const auto t0 = TakeCardBack::Clock::now();
    auto s = t.update(DeviceStatus::CardPresent, t0);
    CHECK_FALSE(s.done);
    CHECK(s.chime);  // at once
    CHECK_FALSE(t.update(DeviceStatus::CardPresent, t0 + 4s).chime);
    CHECK(t.update(DeviceStatus::CardPresent, t0 + 5s).chime);
    CHECK_FALSE(t.update(DeviceStatus::Error, t0 + 6s).done);  // a faulty slot still holds the card
    CHECK(t.chimes() == 2);
    auto gone = t.update(DeviceStatus::NoCard, t0 + 7s);
    CHECK(gone.done);
    CHECK_FALSE(gone.chime);
    CHECK(TakeCardBack().update(DeviceStatus::Absent, t0).done);  // reader unplugged: nothing to take
}
