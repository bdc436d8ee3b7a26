// Byte-exact CCID messages (CCID 1.1 §6.1-6.3): every command the driver sends and every
// answer and interrupt it decodes.
#include <catch2/catch.hpp>

#include "drivers/ccid/ccid_message.hpp"

using namespace guichet;
using namespace guichet::ccid;

static std::string hex(const Bytes& b) { return toHex(b); }

TEST_CASE("ccid.message IccPowerOn carries bPowerSelect", "[ccid][message]") {
    CHECK(hex(encodeIccPowerOn(0, 0, Voltage::Automatic)) == "62 00 00 00 00 00 00 00 00 00");
    CHECK(hex(encodeIccPowerOn(0, 1, Voltage::V5)) == "62 00 00 00 00 00 01 01 00 00");
    CHECK(hex(encodeIccPowerOn(0, 2, Voltage::V3)) == "62 00 00 00 00 00 02 02 00 00");
    CHECK(hex(encodeIccPowerOn(1, 0xFF, Voltage::V1_8)) == "62 00 00 00 00 01 FF 03 00 00");
}

TEST_CASE("ccid.message slot commands without data", "[ccid][message]") {
    CHECK(hex(encodeIccPowerOff(0, 7)) == "63 00 00 00 00 00 07 00 00 00");
    CHECK(hex(encodeGetSlotStatus(0, 8)) == "65 00 00 00 00 00 08 00 00 00");
    CHECK(hex(encodeGetParameters(0, 9)) == "6C 00 00 00 00 00 09 00 00 00");
    CHECK(hex(encodeResetParameters(0, 10)) == "6D 00 00 00 00 00 0A 00 00 00");
    CHECK(hex(encodeAbort(0, 11)) == "72 00 00 00 00 00 0B 00 00 00");
}

TEST_CASE("ccid.message XfrBlock with data, BWI and level parameter", "[ccid][message]") {
    const Bytes select = *fromHex("00 A4 04 00 08 F0 47 55 49 43 48 45 54 00");
    CHECK(hex(encodeXfrBlock(0, 3, select)) ==
          "6F 0E 00 00 00 00 03 00 00 00 00 A4 04 00 08 F0 47 55 49 43 48 45 54 00");
    CHECK(hex(encodeXfrBlock(0, 4, Bytes{0x00, 0x00, 0x00, 0x00}, 2)) == "6F 04 00 00 00 00 04 02 00 00 00 00 00 00");
    CHECK(hex(encodeXfrBlock(0, 5, Bytes{}, 0, 0x0110)) == "6F 00 00 00 00 00 05 00 10 01");
    // dwLength is 32-bit little-endian.
    Bytes big(300, 0xAB);
    Bytes m = encodeXfrBlock(0, 6, big);
    CHECK(hex(Bytes(m.begin(), m.begin() + 10)) == "6F 2C 01 00 00 00 06 00 00 00");
    CHECK(m.size() == 310);
}

TEST_CASE("ccid.message SetParameters for T=0 and T=1, Escape", "[ccid][message]") {
    CHECK(hex(encodeSetParameters(0, 1, 0, Bytes{0x11, 0x00, 0x00, 0x0A, 0x00})) ==
          "61 05 00 00 00 00 01 00 00 00 11 00 00 0A 00");
    CHECK(hex(encodeSetParameters(0, 2, 1, Bytes{0x18, 0x10, 0x02, 0x58, 0x00, 0xFE, 0x00})) ==
          "61 07 00 00 00 00 02 01 00 00 18 10 02 58 00 FE 00");
    CHECK(hex(encodeEscape(0, 3, Bytes{0xFF, 0x00, 0x48, 0x00, 0x00})) == "6B 05 00 00 00 00 03 00 00 00 FF 00 48 00 00");
}

TEST_CASE("ccid.message decodes DataBlock, SlotStatus and Parameters", "[ccid][message]") {
    auto atr = decodeResponse(*fromHex("80 06 00 00 00 00 01 00 00 00 3B 81 80 01 80 80"));
    REQUIRE(atr.ok());
    CHECK(atr->type == msg::kDataBlock);
    CHECK(atr->seq == 1);
    CHECK(atr->iccState() == IccState::PresentActive);
    CHECK(atr->commandStatus() == CommandStatus::Ok);
    CHECK(hex(atr->data) == "3B 81 80 01 80 80");

    auto absent = decodeResponse(*fromHex("81 00 00 00 00 00 02 42 FE 00"));
    REQUIRE(absent.ok());
    CHECK(absent->iccState() == IccState::Absent);
    CHECK(absent->commandStatus() == CommandStatus::Failed);
    CHECK(absent->error == slot_error::kIccMute);

    auto wait = decodeResponse(*fromHex("80 00 00 00 00 00 03 80 02 00"));
    REQUIRE(wait.ok());
    CHECK(wait->commandStatus() == CommandStatus::TimeExtension);
    CHECK(wait->error == 2);

    auto params = decodeResponse(*fromHex("82 07 00 00 00 00 04 00 00 01 11 10 00 4D 00 20 00"));
    REQUIRE(params.ok());
    CHECK(params->type == msg::kParameters);
    CHECK(params->specific == 1);  // bProtocolNum
    CHECK(params->data.size() == 7);

    // The encoder the emulator uses is the exact inverse.
    CHECK(encodeResponse(*params) == *fromHex("82 07 00 00 00 00 04 00 00 01 11 10 00 4D 00 20 00"));
}

TEST_CASE("ccid.message rejects malformed answers", "[ccid][message]") {
    CHECK(decodeResponse(*fromHex("80 00 00")).error().message ==
          "CCID: answer of 3 bytes, shorter than the 10-byte header");
    CHECK(decodeResponse(*fromHex("62 00 00 00 00 00 00 00 00 00")).error().message ==
          "CCID: unknown answer type 0x62");
    CHECK(decodeResponse(*fromHex("80 05 00 00 00 00 00 00 00 00 3B 00")).error().message ==
          "CCID: dwLength says 5 bytes, 2 received");
    CHECK(decodeResponse(*fromHex("80 00 00 00 01 00 00 00 00 00")).error().code == ErrorCode::Protocol);
}

TEST_CASE("ccid.message interrupt NotifySlotChange and HardwareError", "[ccid][message]") {
    const SlotChange inserted{0, true, true};
    CHECK(hex(encodeNotifySlotChange(std::span(&inserted, 1))) == "50 03");
    const SlotChange removed{0, false, true};
    CHECK(hex(encodeNotifySlotChange(std::span(&removed, 1))) == "50 02");

    auto m = decodeInterrupt(*fromHex("50 03"));
    REQUIRE(m.ok());
    REQUIRE(m->slots.size() == 4);  // one byte covers slots 0-3
    CHECK(m->slots[0].present);
    CHECK(m->slots[0].changed);
    CHECK_FALSE(m->slots[1].present);

    // Slot 2 present without change, slot 5 changed to absent.
    auto multi = decodeInterrupt(*fromHex("50 10 08"));
    REQUIRE(multi.ok());
    CHECK(multi->slots[2].present);
    CHECK_FALSE(multi->slots[2].changed);
    CHECK(multi->slots[5].changed);
    CHECK_FALSE(multi->slots[5].present);

    auto hw = decodeInterrupt(*fromHex("51 00 05 01"));
    REQUIRE(hw.ok());
    CHECK(hw->type == msg::kHardwareError);
    CHECK(hw->hwSeq == 5);
    CHECK(hw->hwCode == 1);

    CHECK(decodeInterrupt(*fromHex("50")).error().code == ErrorCode::Protocol);
    CHECK(decodeInterrupt(*fromHex("51 00")).error().code == ErrorCode::Protocol);
    CHECK(decodeInterrupt(*fromHex("77 00")).error().message == "CCID interrupt: unknown message type 0x77");
}
