// APDU encoding, status words, and T=0 TPDU procedures (61xx → GET RESPONSE, 6Cxx → resend
// with Le) against scripted answers and against the emulated T=0 card.
#include <catch2/catch.hpp>

#include <deque>

#include "drivers/ccid/t0_channel.hpp"
#include "drivers/emulators/ccid/virtual_card.hpp"

using namespace guichet;
using namespace guichet::ccid;

namespace {

// Answers from a script, recording what was sent.
struct Script {
    std::deque<Bytes> answers;
    std::vector<std::string> sent;
    RawExchange exchange() {
        return [this](std::span<const std::uint8_t> b) -> Result<Bytes> {
            sent.push_back(toHex(Bytes(b.begin(), b.end())));
            if (answers.empty()) return makeError(ErrorCode::Timeout, "script exhausted");
            Bytes a = answers.front();
            answers.pop_front();
            return a;
        };
    }
};

struct CardLink {
    emu::VirtualCard card;
    std::vector<std::string> sent;
    explicit CardLink(emu::VirtualCardProfile p) : card(std::move(p)) {}
    RawExchange t0() {
        return [this](std::span<const std::uint8_t> b) -> Result<Bytes> {
            sent.push_back(toHex(Bytes(b.begin(), b.end())));
            return card.processT0(b);
        };
    }
};

}  // namespace

TEST_CASE("ccid.apdu encodes the four ISO cases", "[ccid][apdu]") {
    CHECK(toHex(*CommandApdu{0x00, 0x70, 0x00, 0x00, {}, {}}.encode()) == "00 70 00 00");
    CHECK(toHex(*apdu::readBinary(0x0102, 16).encode()) == "00 B0 01 02 10");
    CHECK(toHex(*apdu::readBinary(0, 256).encode()) == "00 B0 00 00 00");
    CHECK(toHex(*apdu::selectFile(0xE101).encode()) == "00 A4 02 0C 02 E1 01");
    CHECK(toHex(*apdu::selectByAid(emu::cityCardAid()).encode()) == "00 A4 04 00 08 F0 47 55 49 43 48 45 54 00");
    CHECK(toHex(*apdu::getUid().encode()) == "FF CA 00 00 00");
    CHECK(toHex(*apdu::getResponse(0x0C).encode()) == "00 C0 00 00 0C");
    CHECK(apdu::selectByAid(emu::cityCardAid()).isoCase() == 4);
    CHECK(CommandApdu{0, 0xA4, 0, 0, Bytes(256, 0), {}}.encode().error().code == ErrorCode::InvalidArgument);

    auto p = CommandApdu::parse(*fromHex("00 A4 04 00 08 F0 47 55 49 43 48 45 54 00"));
    REQUIRE(p.ok());
    CHECK(p->data == emu::cityCardAid());
    CHECK(p->le == 256);
    CHECK(CommandApdu::parse(*fromHex("00 A4 04 00 08 F0 47")).error().message ==
          "APDU: Lc says 8 data bytes but 2 bytes follow the header");
}

TEST_CASE("ccid.apdu describes status words", "[ccid][apdu]") {
    CHECK(describeStatusWord(0x9000) == "9000 success");
    CHECK(describeStatusWord(0x6A82) == "6A82 file or application not found");
    CHECK(describeStatusWord(0x6982) == "6982 security status not satisfied");
    CHECK(describeStatusWord(0x6700) == "6700 wrong length");
    CHECK(describeStatusWord(0x6110) == "6110 response bytes still available: 16");
    CHECK(describeStatusWord(0x6C0F) == "6C0F wrong Le: exact length is 15");
    CHECK(describeStatusWord(0x63C2) == "63C2 verification failed, 2 tries left");
    CHECK(describeStatusWord(0x1234) == "1234 unknown status");
    CHECK(statusWordError("SELECT", 0x6A82).code == ErrorCode::NotFound);
    CHECK(statusWordError("READ BINARY", 0x6982).code == ErrorCode::PermissionDenied);
    CHECK(statusWordError("SELECT", 0x6A82).message == "SELECT: card answered 6A82 file or application not found");
    CHECK(parseResponseApdu(Bytes{0x90}).error().code == ErrorCode::Protocol);
}

TEST_CASE("ccid.t0 case 4 drops Le and collects the answer with GET RESPONSE (61xx)", "[ccid][t0]") {
    CardLink link(emu::cityCardT0());
    T0Channel ch(link.t0());
    auto r = ch.transmit(apdu::selectByAid(emu::cityCardAid()));
    REQUIRE(r.ok());
    CHECK(r->sw == 0x9000);
    CHECK(toHex(r->data) == "6F 0A 84 08 F0 47 55 49 43 48 45 54");
    REQUIRE(link.sent.size() == 2);
    CHECK(link.sent[0] == "00 A4 04 00 08 F0 47 55 49 43 48 45 54");  // no Le under T=0
    CHECK(link.sent[1] == "00 C0 00 00 0C");
}

TEST_CASE("ccid.t0 wrong Le is resent with the card's exact length (6Cxx)", "[ccid][t0]") {
    CardLink link(emu::cityCardT0());
    T0Channel ch(link.t0());
    REQUIRE(ch.transmit(apdu::selectByAid(emu::cityCardAid())).ok());
    REQUIRE(ch.transmit(apdu::selectFile(0xE101))->ok());
    link.sent.clear();
    auto r = ch.transmit(apdu::readBinary(0, 32));  // the file holds 15 bytes
    REQUIRE(r.ok());
    CHECK(r->sw == 0x9000);
    CHECK(std::string(r->data.begin(), r->data.end()) == "CV-75056-004217");
    REQUIRE(link.sent.size() == 2);
    CHECK(link.sent[0] == "00 B0 00 00 20");
    CHECK(link.sent[1] == "00 B0 00 00 0F");
}

TEST_CASE("ccid.t0 follows several 61xx rounds and a 6Cxx on GET RESPONSE", "[ccid][t0]") {
    Script s;
    s.answers = {*fromHex("61 04"), *fromHex("01 02 03 04 61 10"), *fromHex("6C 02"), *fromHex("05 06 90 00")};
    T0Channel ch(s.exchange());
    auto r = ch.transmit(CommandApdu{0x80, 0xCA, 0x9F, 0x7F, Bytes{0x01}, 256});
    REQUIRE(r.ok());
    CHECK(toHex(r->data) == "01 02 03 04 05 06");
    CHECK(r->sw == 0x9000);
    CHECK(s.sent == std::vector<std::string>{"80 CA 9F 7F 01 01", "00 C0 00 00 04", "00 C0 00 00 10", "00 C0 00 00 02"});
}

TEST_CASE("ccid.t0 a second 6Cxx in a row is returned, not looped on", "[ccid][t0]") {
    Script s;
    s.answers = {*fromHex("6C 08"), *fromHex("6C 09")};
    T0Channel ch(s.exchange());
    auto r = ch.transmit(apdu::readBinary(0, 4));
    REQUIRE(r.ok());
    CHECK(r->sw == 0x6C09);
    CHECK(s.sent.size() == 2);
}

TEST_CASE("ccid.t0 errors and case 1 TPDUs", "[ccid][t0]") {
    Script s;
    s.answers = {*fromHex("90 00")};
    T0Channel ch(s.exchange());
    REQUIRE(ch.transmit(CommandApdu{0x00, 0x44, 0x00, 0x00, {}, {}}).ok());
    CHECK(s.sent[0] == "00 44 00 00 00");  // case 1: P3 = 00
    auto r = ch.transmit(apdu::readBinary(0, 4));  // script exhausted: the transport error comes up
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Timeout);
    Script bad;
    bad.answers = {Bytes{0x61}};
    T0Channel ch2(bad.exchange());
    CHECK(ch2.transmit(apdu::readBinary(0, 4)).error().code == ErrorCode::Protocol);
}

TEST_CASE("ccid.apdu reads an id from the virtual card through every path", "[ccid][apdu]") {
    for (auto profile : {emu::cityCardT0(), emu::cityCardT1()}) {
        emu::VirtualCard card(profile);
        ShortApduChannel ch([&](std::span<const std::uint8_t> a) -> Result<Bytes> { return card.processApduBytes(a); });
        REQUIRE(apdu::select(ch, emu::cityCardAid()).ok());
        REQUIRE(ch.transmit(apdu::selectFile(0xE101))->ok());
        auto id = apdu::readBinary(ch, 0, 64);
        REQUIRE(id.ok());
        CHECK(std::string(id->begin(), id->end()) == "CV-75056-004217");
        // Wrong AID and reading past the end.
        auto wrong = apdu::select(ch, *fromHex("A0 00 00 00 03 10 10"));
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().code == ErrorCode::NotFound);
        CHECK(apdu::readBinary(ch, 0, 4).error().message.find("6986") != std::string::npos);
        CHECK(apdu::readUid(ch).error().message == "GET UID (FF CA): card answered 6E00 class not supported");
    }
}
