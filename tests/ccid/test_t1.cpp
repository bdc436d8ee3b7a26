// T=1 block layer: the host's T1Channel against the emulated card's CardT1Engine, with the
// card misbehaving on purpose (lost, ignored, garbled blocks; WTX; IFS; resynchronisation).
#include <catch2/catch.hpp>

#include "drivers/ccid/t1_channel.hpp"
#include "drivers/emulators/ccid/card_t1_engine.hpp"

using namespace guichet;
using namespace guichet::ccid;
using guichet::emu::CardT1Engine;

namespace {

// The card echoes the command's data reversed, followed by 90 00, or answers `reply` bytes
// of a counter when the command is "80 10 00 00 Le" (to test long answers).
Bytes cardLogic(std::span<const std::uint8_t> apdu) {
    Bytes out;
    if (apdu.size() == 5 && apdu[0] == 0x80 && apdu[1] == 0x10) {
        const int n = apdu[4] ? apdu[4] : 256;
        for (int i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(i));
    } else if (apdu.size() > 5) {
        out.assign(apdu.rbegin(), apdu.rend() - 5);
    }
    out.push_back(0x90);
    out.push_back(0x00);
    return out;
}

struct Link {
    CardT1Engine card{32, t1::Edc::Lrc};
    std::vector<std::uint8_t> wtxSeen;  // bBWI of each exchange
    std::optional<ErrorCode> failWith;  // transport failure to inject
    BlockExchange exchange() {
        return [this](std::span<const std::uint8_t> block, std::uint8_t wtx) -> Result<Bytes> {
            wtxSeen.push_back(wtx);
            if (failWith) return makeError(*failWith, "injected");
            auto answer = card.onBlock(block);
            if (!answer) return makeError(ErrorCode::Timeout, "CCID: card mute (bError 0xFE)");
            return *answer;
        };
    }
    Link() { card.setHandler(cardLogic); }
};

Bytes command(std::size_t dataLength) {
    Bytes c{0x80, 0x20, 0x00, 0x00, static_cast<std::uint8_t>(dataLength)};
    for (std::size_t i = 0; i < dataLength; ++i) c.push_back(static_cast<std::uint8_t>(0xA0 + i));
    return c;
}

Bytes expectedEcho(std::size_t dataLength) {
    Bytes c = command(dataLength);
    Bytes e(c.rbegin(), c.rend() - 5);
    e.push_back(0x90);
    e.push_back(0x00);
    return e;
}

}  // namespace

TEST_CASE("ccid.t1 blocks are encoded byte-exact with LRC", "[ccid][t1]") {
    CHECK(toHex(t1::encode(t1::Block::i(0, false, *fromHex("00 B0 00 00 0F")))) == "00 00 05 00 B0 00 00 0F BA");
    CHECK(toHex(t1::encode(t1::Block::i(1, true, Bytes{0x01}))) == "00 60 01 01 60");
    CHECK(toHex(t1::encode(t1::Block::r(1))) == "00 90 00 90");
    CHECK(toHex(t1::encode(t1::Block::r(0, t1::r_error::kEdc))) == "00 81 00 81");
    CHECK(toHex(t1::encode(t1::Block::s(t1::SType::Ifs, false, Bytes{0xFE}))) == "00 C1 01 FE 3E");
    CHECK(toHex(t1::encode(t1::Block::s(t1::SType::Resynch, false))) == "00 C0 00 C0");
    CHECK(toHex(t1::encode(t1::Block::s(t1::SType::Wtx, true, Bytes{0x02}))) == "00 E3 01 02 E0");
    CHECK(toHex(t1::encode(t1::Block::s(t1::SType::Abort, true))) == "00 E2 00 E2");
}

TEST_CASE("ccid.t1 decode checks LRC, CRC, LEN and block structure", "[ccid][t1]") {
    auto ok = t1::decode(*fromHex("00 40 02 90 00 D2"));
    REQUIRE(ok.ok());
    CHECK(ok->kind() == t1::Kind::I);
    CHECK(ok->ns() == 1);
    CHECK_FALSE(ok->more());
    CHECK(t1::decode(*fromHex("00 40 02 90 00 D3")).error().code == ErrorCode::Corrupt);
    CHECK(t1::decode(*fromHex("00 40 03 90 00 D2")).error().message == "T=1: LEN says 3 bytes, block has 2");
    CHECK(t1::decode(*fromHex("00 40")).error().code == ErrorCode::Protocol);
    CHECK(t1::decode(*fromHex("00 A0 00 A0")).error().message == "T=1: malformed R-block");
    CHECK(t1::decode(*fromHex("00 C5 00 C5")).error().message == "T=1: unknown S-block type");
    // CRC epilogue: two bytes, and a flipped bit is caught.
    Bytes crc = t1::encode(t1::Block::i(0, false, *fromHex("00 A4 04 00")), t1::Edc::Crc);
    CHECK(crc.size() == 3 + 4 + 2);
    CHECK(t1::decode(crc, t1::Edc::Crc).ok());
    crc[4] ^= 0x01;
    CHECK(t1::decode(crc, t1::Edc::Crc).error().code == ErrorCode::Corrupt);
    CHECK(t1::crc16(*fromHex("31 32 33 34 35 36 37 38 39")) == 0x29B1);  // CRC-16/CCITT-FALSE check value
}

TEST_CASE("ccid.t1 a short command is one I-block each way", "[ccid][t1]") {
    Link link;
    T1Channel ch(link.exchange(), T1Options{});
    auto r = ch.transceive(command(4));
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(4));
    REQUIRE(link.card.received().size() == 1);
    CHECK(link.card.received()[0].ns() == 0);
    // Sequence numbers alternate on the next command.
    REQUIRE(ch.transceive(command(2)).ok());
    CHECK(link.card.received()[1].ns() == 1);
    CHECK(ch.stats().retransmissions == 0);
}

TEST_CASE("ccid.t1 chains a long command by IFSC", "[ccid][t1]") {
    Link link;
    T1Options o;
    o.ifsc = 16;
    T1Channel ch(link.exchange(), o);
    auto r = ch.transceive(command(40));  // 45 bytes: 16 + 16 + 13
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(40));
    const auto& got = link.card.received();
    REQUIRE(got.size() == 4);  // three I-blocks, then one R-block for the answer's second chunk
    CHECK(got[3].kind() == t1::Kind::R);
    CHECK(got[0].more());
    CHECK(got[0].inf.size() == 16);
    CHECK(got[1].more());
    CHECK(got[1].ns() == 1);
    CHECK_FALSE(got[2].more());
    CHECK(got[2].inf.size() == 13);
    CHECK(link.card.commandsProcessed() == 1);
}

TEST_CASE("ccid.t1 receives a chained answer by IFSD", "[ccid][t1]") {
    Link link;
    T1Channel ch(link.exchange(), T1Options{});  // IFSD stays 32: the card chains
    auto r = ch.transceive(*fromHex("80 10 00 00 64"));  // 100 bytes + SW
    REQUIRE(r.ok());
    REQUIRE(r->size() == 102);
    for (int i = 0; i < 100; ++i) CHECK((*r)[i] == i);
    // Host sent: I-block, then three R-blocks asking for the next chunks (32+32+32+6).
    const auto& got = link.card.received();
    REQUIRE(got.size() == 4);
    CHECK(got[1].kind() == t1::Kind::R);
    CHECK(got[1].nr() == 1);
    CHECK(got[2].nr() == 0);
}

TEST_CASE("ccid.t1 negotiates IFSD and follows the card's IFS request", "[ccid][t1]") {
    Link link;
    T1Options o;
    o.ifsd = 254;
    T1Channel ch(link.exchange(), o);
    REQUIRE(ch.negotiateIfsd().ok());
    CHECK(ch.ifsd() == 254);
    CHECK(link.card.ifsd() == 254);
    REQUIRE(ch.transceive(*fromHex("80 10 00 00 C8")).ok());
    CHECK(link.card.received().size() == 2);  // S(IFS) + one I-block: no chaining at 254

    link.card.requestIfsBeforeNextAnswer(10);
    REQUIRE(ch.transceive(command(3)).ok());
    CHECK(ch.ifsc() == 10);
    const std::size_t before = link.card.received().size();
    REQUIRE(ch.transceive(command(20)).ok());  // 25 bytes by 10
    CHECK(link.card.received().size() - before == 3);
}

TEST_CASE("ccid.t1 grants waiting-time extensions", "[ccid][t1]") {
    Link link;
    link.card.setWtxRequests(2);
    T1Channel ch(link.exchange(), T1Options{});
    auto r = ch.transceive(command(3));
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(3));
    CHECK(ch.stats().wtxGranted == 2);
    // The exchanges after each S(WTX response) carry the multiplier in bBWI.
    CHECK(link.wtxSeen == std::vector<std::uint8_t>{0, 1, 1});
}

TEST_CASE("ccid.t1 recovers a lost answer without running the command twice", "[ccid][t1]") {
    Link link;
    T1Channel ch(link.exchange(), T1Options{});
    link.card.loseNextAnswers(1);
    auto r = ch.transceive(command(5));
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(5));
    CHECK(link.card.commandsProcessed() == 1);
    CHECK(ch.stats().retransmissions == 1);
    // The host asked with R(0) "other error", and the card repeated its I-block.
    CHECK(link.card.received().back().kind() == t1::Kind::R);
    CHECK(link.card.received().back().rError() == t1::r_error::kOther);
}

TEST_CASE("ccid.t1 resends a block the card never received", "[ccid][t1]") {
    Link link;
    T1Options o;
    o.ifsc = 16;
    T1Channel ch(link.exchange(), o);
    REQUIRE(ch.transceive(command(3)).ok());  // ns = 1 now
    link.card.ignoreNextBlocks(1);            // the first chunk of the next chain is lost
    auto r = ch.transceive(command(30));
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(30));
    CHECK(link.card.commandsProcessed() == 2);
    CHECK(ch.stats().retransmissions >= 1);
}

TEST_CASE("ccid.t1 asks again after a bad LRC", "[ccid][t1]") {
    Link link;
    T1Channel ch(link.exchange(), T1Options{});
    link.card.corruptNextAnswers(2);
    auto r = ch.transceive(command(6));
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(6));
    CHECK(ch.stats().retransmissions == 2);
    // Both requests were R-blocks flagged "EDC error".
    const auto& got = link.card.received();
    REQUIRE(got.size() == 3);
    CHECK(got[1].rError() == t1::r_error::kEdc);
    CHECK(got[2].rError() == t1::r_error::kEdc);
    CHECK(link.card.commandsProcessed() == 1);
}

TEST_CASE("ccid.t1 resynchronises a card that lost sync and resends the command", "[ccid][t1]") {
    Link link;
    T1Options o;
    o.ifsd = 254;
    T1Channel ch(link.exchange(), o);
    REQUIRE(ch.negotiateIfsd().ok());
    REQUIRE(ch.transceive(command(2)).ok());
    link.card.garbleUntilResync();
    auto r = ch.transceive(command(7));
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(7));
    CHECK(ch.stats().resyncs == 1);
    CHECK(link.card.resyncs() == 1);
    CHECK(ch.ifsd() == 254);             // renegotiated after the resync
    CHECK(link.card.ifsd() == 254);
    // After RESYNCH both sides restart at sequence 0.
    CHECK(link.card.received().back().ns() == 0);
}

TEST_CASE("ccid.t1 gives up cleanly when the card stays silent", "[ccid][t1]") {
    Link link;
    T1Channel ch(link.exchange(), T1Options{});
    link.card.ignoreNextBlocks(1000);
    auto r = ch.transceive(command(1));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Protocol);
    CHECK(r.error().message.find("does not answer resynchronisation") != std::string::npos);
    CHECK(link.wtxSeen.size() < 20);  // bounded: 4 tries + 3 resync attempts
}

TEST_CASE("ccid.t1 stops at once when the reader is gone", "[ccid][t1]") {
    Link link;
    T1Channel ch(link.exchange(), T1Options{});
    link.failWith = ErrorCode::Disconnected;
    auto r = ch.transceive(command(1));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Disconnected);
    CHECK(link.wtxSeen.size() == 1);
}

TEST_CASE("ccid.t1 CRC epilogue end to end, with a garbled answer recovered", "[ccid][t1]") {
    CardT1Engine card(32, t1::Edc::Crc);
    card.setHandler(cardLogic);
    BlockExchange ex = [&](std::span<const std::uint8_t> block, std::uint8_t) -> Result<Bytes> {
        auto a = card.onBlock(block);
        if (!a) return makeError(ErrorCode::Timeout, "mute");
        return *a;
    };
    T1Options o;
    o.edc = t1::Edc::Crc;
    o.ifsc = 20;
    T1Channel ch(ex, o);
    card.corruptNextAnswers(1);
    auto r = ch.transceive(command(30));
    REQUIRE(r.ok());
    CHECK(*r == expectedEcho(30));
    CHECK(ch.stats().retransmissions == 1);
}
