// The serial link layer's framing, byte for byte: STX message ETX LRC, LRC = XOR of the
// bytes after STX up to and including ETX; line noise skipped; bad LRC and control bytes caught.
#include <catch2/catch.hpp>

#include "drivers/payment/serial_frame.hpp"

using namespace guichet;
using namespace guichet::payment::serial;

TEST_CASE("payment.serial_frame_byte_exact", "[payment]") {
    auto f = frame("CZ0040300");
    REQUIRE(f);
    // 'C'^'Z'^'0'^'0'^'4'^'0'^'3'^'0'^'0' = 0x2E, ^ ETX = 0x2D
    CHECK(toHex(*f) == "02 43 5A 30 30 34 30 33 30 30 03 2D");
    CHECK(lrc("") == ETX);
    CHECK_FALSE(frame(std::string("A\x03", 2)));
    CHECK_FALSE(frame("caf\xC3\xA9"));
}

TEST_CASE("payment.serial_frame_reader", "[payment]") {
    const std::string msg = "CZ0040300AE00210";
    Bytes wire = {0x00, 0xFF};  // noise before STX
    auto f = frame(msg);
    wire.insert(wire.end(), f->begin(), f->end());
    FrameReader r;
    FrameReader::State s = FrameReader::State::Incomplete;
    for (auto b : wire) s = r.feed(b);
    REQUIRE(s == FrameReader::State::Good);
    CHECK(r.message() == msg);

    Bytes bad = *f;
    bad.back() ^= 0x01;
    r.reset();
    for (auto b : bad) s = r.feed(b);
    CHECK(s == FrameReader::State::Bad);
    CHECK(r.reason() == "wrong LRC");

    r.reset();
    CHECK(r.feed(STX) == FrameReader::State::Incomplete);
    CHECK(r.feed('A') == FrameReader::State::Incomplete);
    CHECK(r.feed(0x80) == FrameReader::State::Bad);
}
