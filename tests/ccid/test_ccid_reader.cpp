// CcidReader and connectCard over the in-process emulated readers: framing and sequence,
// voltage selection, parameters, time extensions, stale frames, faults, unplug.
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/ccid/card_session.hpp"
#include "drivers/ccid/t1_channel.hpp"
#include "drivers/emulators/ccid/emulated_reader_transport.hpp"

using namespace guichet;
using namespace guichet::ccid;
using namespace std::chrono_literals;

namespace {

struct Bench {
    std::shared_ptr<emu::EmulatedCcidReader> device;
    emu::EmulatedReaderTransport transport;
    CcidReader reader;
    explicit Bench(emu::ReaderModel model, ReaderOptions options = {})
        : device(std::make_shared<emu::EmulatedCcidReader>(model)),
          transport(device),
          reader(transport, model.descriptor, options) {}
    std::vector<std::string> sent() const {
        std::vector<std::string> out;
        for (const auto& c : device->commandsReceived()) out.push_back(toHex(c));
        return out;
    }
};

std::string readId(ApduChannel& ch) {
    REQUIRE(apdu::select(ch, emu::cityCardAid()).ok());
    auto f = ch.transmit(apdu::selectFile(0xE101));
    REQUIRE(f.ok());
    REQUIRE(f->ok());
    auto id = apdu::readBinary(ch, 0, 15);
    REQUIRE(id.ok());
    return std::string(id->begin(), id->end());
}

}  // namespace

TEST_CASE("ccid.reader powers on with increasing sequence numbers", "[ccid][reader]") {
    Bench b(emu::idBridgeCt30());
    b.device->insertCard(emu::cityCardT1());
    auto atr = b.reader.powerOn(Voltage::V5);
    REQUIRE(atr.ok());
    CHECK(*atr == emu::cityCardT1().atr);
    auto status = b.reader.slotStatus();
    REQUIRE(status.ok());
    CHECK(status->iccState() == IccState::PresentActive);
    REQUIRE(b.reader.powerOff().ok());
    CHECK(b.sent() == std::vector<std::string>{"62 00 00 00 00 00 00 01 00 00", "65 00 00 00 00 00 01 00 00 00",
                                               "63 00 00 00 00 00 02 00 00 00"});
    CHECK_FALSE(b.device->cardPowered());
}

TEST_CASE("ccid.reader selects the voltage from the lowest class up", "[ccid][reader]") {
    Bench b(emu::idBridgeCt30());
    auto card = emu::cityCardT1();
    card.voltageClasses = 0x01;  // an old 5 V-only card
    b.device->insertCard(card);
    auto atr = b.reader.powerOnSelectingVoltage();
    REQUIRE(atr.ok());
    CHECK(b.reader.selectedVoltage() == Voltage::V5);
    CHECK(b.sent() == std::vector<std::string>{
                          "62 00 00 00 00 00 00 03 00 00", "63 00 00 00 00 00 01 00 00 00",  // 1.8 V: mute
                          "62 00 00 00 00 00 02 02 00 00", "63 00 00 00 00 00 03 00 00 00",  // 3 V: mute
                          "62 00 00 00 00 00 04 01 00 00"});                                 // 5 V
    // A reader that selects the voltage itself is asked for "automatic" once.
    Bench u(emu::acr122u());
    auto d = u.device->model().descriptor;
    CHECK_FALSE(d.has(feature::kAutoVoltage));
}

TEST_CASE("ccid.reader maps slot errors: absent, mute, unsupported", "[ccid][reader]") {
    Bench b(emu::idBridgeCt30());
    auto none = b.reader.powerOnSelectingVoltage();
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::NotFound);
    CHECK(none.error().message == "CCID: card absent (bError 0xFE)");
    CHECK(b.device->powerOnCount() == 1);  // no point trying other voltages on an empty slot

    auto mute = emu::cityCardT1();
    mute.mute = true;
    b.device->insertCard(mute);
    auto m = b.reader.powerOnSelectingVoltage();
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().code == ErrorCode::Timeout);
    CHECK(m.error().message == "CCID: card mute (bError 0xFE)");
    CHECK(b.device->powerOnCount() == 4);  // 1 + three classes

    Response r;
    r.status = 0x40;
    r.error = slot_error::kHwError;
    CHECK(faultError(classifyFailure(r), r.error).code == ErrorCode::Io);
    r.error = slot_error::kProtocolNotSupported;
    CHECK(classifyFailure(r) == SlotFault::ProtocolNotSupported);
    CHECK(faultError(SlotFault::ProtocolNotSupported, r.error).code == ErrorCode::NotSupported);
    r.error = slot_error::kBadAtrTck;
    CHECK(classifyFailure(r) == SlotFault::BadAtr);
    r.error = slot_error::kCmdSlotBusy;
    CHECK(faultError(classifyFailure(r), r.error).code == ErrorCode::Busy);
    r.status = 0x42;  // absent wins over the error code
    CHECK(classifyFailure(r) == SlotFault::CardAbsent);
}

TEST_CASE("ccid.reader waits through time extensions of a slow card", "[ccid][reader]") {
    ReaderOptions o;
    o.commandTimeout = 200ms;
    Bench b(emu::idBridgeCt30(), o);
    b.device->setTimeExtensionDelay(60ms);
    auto slow = emu::cityCardT1();
    slow.timeExtensions = 5;  // 300 ms in all: longer than one read timeout
    b.device->insertCard(slow);
    const auto start = std::chrono::steady_clock::now();
    auto atr = b.reader.powerOn(Voltage::V5);
    REQUIRE(atr.ok());
    CHECK(std::chrono::steady_clock::now() - start >= 250ms);

    // ...but not forever.
    ReaderOptions strict;
    strict.maxTimeExtensions = 2;
    Bench s(emu::idBridgeCt30(), strict);
    s.device->setTimeExtensionDelay(1ms);
    s.device->insertCard(slow);
    auto fail = s.reader.powerOn(Voltage::V5);
    REQUIRE_FALSE(fail.ok());
    CHECK(fail.error().code == ErrorCode::Timeout);
    CHECK(fail.error().message == "CCID: the card keeps asking for more time (3 time extensions)");
}

TEST_CASE("ccid.reader drops a repeated frame with a stale bSeq", "[ccid][reader]") {
    Bench b(emu::idBridgeCt30());
    b.device->insertCard(emu::cityCardT1());
    REQUIRE(b.reader.powerOn(Voltage::V5).ok());
    b.device->repeatPreviousAnswerOnce();  // the ATR DataBlock (bSeq 0) comes again first
    auto status = b.reader.slotStatus();
    REQUIRE(status.ok());
    CHECK(status->type == msg::kSlotStatus);
    CHECK(status->seq == 1);
}

TEST_CASE("ccid.reader refuses messages longer than the reader takes", "[ccid][reader]") {
    Bench b(emu::idBridgeCt30());
    b.device->insertCard(emu::cityCardT1());
    REQUIRE(b.reader.powerOn(Voltage::V5).ok());
    auto r = b.reader.xfrBlock(Bytes(262, 0));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().message == "CCID: message of 272 bytes exceeds the reader's dwMaxCCIDMessageLength 271");
}

TEST_CASE("ccid.reader times out on a silent reader and reports an unplug", "[ccid][reader]") {
    ReaderOptions o;
    o.commandTimeout = 300ms;
    Bench b(emu::idBridgeCt30(), o);
    auto slow = emu::cityCardT1();
    slow.timeExtensions = 1000;
    b.device->setTimeExtensionDelay(100ms);
    b.device->insertCard(slow);
    std::thread unplug([&] {
        std::this_thread::sleep_for(150ms);
        b.device->unplug();
    });
    const auto start = std::chrono::steady_clock::now();
    auto r = b.reader.powerOn(Voltage::V5);
    unplug.join();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Disconnected);
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    CHECK(b.reader.slotStatus().error().code == ErrorCode::Disconnected);
}

TEST_CASE("ccid.reader abort sends the control request then the bulk message", "[ccid][reader]") {
    Bench b(emu::idBridgeCt30());
    REQUIRE(b.reader.abort(0).ok());
    CHECK(b.sent().back() == "72 00 00 00 00 00 00 00 00 00");
}

TEST_CASE("ccid.reader slot-change notifications on the interrupt endpoint", "[ccid][reader]") {
    Bench b(emu::idBridgeCt30());
    auto nothing = b.reader.pollInterrupt(20ms);
    REQUIRE(nothing.ok());
    CHECK_FALSE(nothing->has_value());
    b.device->insertCard(emu::cityCardT0());
    auto in = b.reader.pollInterrupt(100ms);
    REQUIRE(in.ok());
    REQUIRE(in->has_value());
    CHECK((*in)->slots[0].present);
    CHECK((*in)->slots[0].changed);
    b.device->removeCard();
    auto out = b.reader.pollInterrupt(100ms);
    REQUIRE(out.ok());
    REQUIRE(out->has_value());
    CHECK_FALSE((*out)->slots[0].present);
    CHECK((*out)->slots[0].changed);
}

TEST_CASE("ccid.session T=1 card in a TPDU reader: parameters, IFSD, id", "[ccid][session]") {
    Bench b(emu::idBridgeCt30());
    b.device->insertCard(emu::cityCardT1());
    auto c = connectCard(b.reader);
    REQUIRE(c.ok());
    CHECK(c->protocol == 1);
    CHECK(c->level == ExchangeLevel::Tpdu);
    CHECK(c->parametersSet);
    // CT30 does no automatic PPS: Fi/Di stay at the default 11; T=1 with LRC; BWI/CWI 45; IFSC FE.
    const auto sent = b.sent();
    CHECK(std::find(sent.begin(), sent.end(), "61 07 00 00 00 00 01 01 00 00 11 10 00 45 00 FE 00") != sent.end());
    // Then S(IFS request 254) as the first T=1 block.
    CHECK(std::find(sent.begin(), sent.end(), "6F 05 00 00 00 00 02 00 00 00 00 C1 01 FE 3E") != sent.end());
    CHECK(readId(*c->channel) == "CV-75056-004217");
    CHECK(b.device->withCard([](emu::VirtualCard& card) { CHECK(card.t1().ifsd() == 254); }));
}

TEST_CASE("ccid.session T=0 card in a TPDU reader", "[ccid][session]") {
    Bench b(emu::idBridgeCt30());
    b.device->insertCard(emu::cityCardT0());
    auto c = connectCard(b.reader);
    REQUIRE(c.ok());
    CHECK(c->protocol == 0);
    const auto sent = b.sent();
    CHECK(std::find(sent.begin(), sent.end(), "61 05 00 00 00 00 01 00 00 00 11 00 00 0A 00") != sent.end());
    CHECK(readId(*c->channel) == "CV-75056-004217");
}

TEST_CASE("ccid.session slow T=1 card asks for WTX through the reader", "[ccid][session]") {
    Bench b(emu::idBridgeCt30());
    auto slow = emu::cityCardT1();
    slow.t1WtxRequests = 2;
    b.device->insertCard(slow);
    auto c = connectCard(b.reader);
    REQUIRE(c.ok());
    CHECK(readId(*c->channel) == "CV-75056-004217");
    // Some XfrBlock went out with bBWI = 1 (the multiplier the card asked for).
    bool sawWtx = false;
    for (const auto& m : b.device->commandsReceived())
        if (m[0] == msg::kXfrBlock && m[7] == 1) sawWtx = true;
    CHECK(sawWtx);
    CHECK(static_cast<T1Channel&>(*c->channel).stats().wtxGranted == 6);  // 2 per APDU, 3 APDUs
}

TEST_CASE("ccid.session contactless card in a short-APDU reader: no SetParameters, UID", "[ccid][session]") {
    Bench b(emu::acr122u());
    b.device->insertCard(emu::contactlessCityCard());
    auto c = connectCard(b.reader);
    REQUIRE(c.ok());
    CHECK(c->level == ExchangeLevel::ShortApdu);
    CHECK_FALSE(c->parametersSet);  // the ACR122U negotiates by itself
    CHECK(b.reader.selectedVoltage() == Voltage::V1_8);
    for (const auto& m : b.device->commandsReceived()) CHECK(m[0] != msg::kSetParameters);
    auto uid = apdu::readUid(*c->channel);
    REQUIRE(uid.ok());
    CHECK(toHex(*uid) == "04 52 3A 6A 91 2B 80");
    CHECK(b.sent().back() == "6F 05 00 00 00 00 01 00 00 00 FF CA 00 00 00");
    CHECK(readId(*c->channel) == "CV-75056-004217");
}

TEST_CASE("ccid.session refuses a protocol the reader lacks", "[ccid][session]") {
    Bench b(emu::acr122u());  // T=1 only
    b.device->insertCard(emu::cityCardT0());
    auto c = connectCard(b.reader);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == ErrorCode::NotSupported);
    CHECK(c.error().message == "CCID: the card speaks T=0, the reader does not");
}

TEST_CASE("ccid.session protocol parameters follow TA1 only when in force", "[ccid][session]") {
    auto atr = parseAtr(*fromHex("3B F2 18 00 02 C1 0A 31 FE 58 C8 08 74"));
    REQUIRE(atr.ok());
    CHECK(toHex(protocolParameters(*atr, 1, false)) == "11 10 02 58 00 FE 00");
    CHECK(toHex(protocolParameters(*atr, 1, true)) == "18 10 02 58 00 FE 00");
    // Old Swiss Postbank card: inverse convention (bmTCCKST0 bit 1), no TA1, TC1 = 10.
    auto inverse = parseAtr(*fromHex("3F 65 35 10 01 04 EC 90 00"));
    REQUIRE(inverse.ok());
    CHECK(toHex(protocolParameters(*inverse, 0, true)) == "11 02 10 0A 00");
}

TEST_CASE("ccid.session accepts a card whose ATR bends ISO 7816-3, with the deviation noted", "[ccid][session]") {
    Bench b(emu::idBridgeCt30());
    auto card = emu::cityCardT0();
    card.atr.push_back(0x11);  // a stray byte after the ATR, as some real cards send
    b.device->insertCard(card);
    REQUIRE_FALSE(parseAtr(card.atr).ok());  // `card atr` stays strict
    auto c = connectCard(b.reader);
    REQUIRE(c.ok());
    CHECK(c->protocol == 0);
    REQUIRE(c->atrDeviations.size() == 1);
    CHECK(c->atrDeviations[0].find("extra bytes are ignored") != std::string::npos);
    CHECK(readId(*c->channel) == "CV-75056-004217");
}

TEST_CASE("ccid.session an unusable ATR at 1.8 V is retried at the next voltage class", "[ccid][session]") {
    Bench b(emu::idBridgeCt30());
    auto card = emu::cityCardT1();
    card.atrAt1V8 = *fromHex("3B F2 18");  // cut inside its interface bytes: nothing usable
    b.device->insertCard(card);
    auto c = connectCard(b.reader);
    REQUIRE(c.ok());
    CHECK(b.reader.selectedVoltage() == Voltage::V3);
    CHECK(c->atr.raw == card.atr);
    CHECK(c->atrDeviations.empty());
    // A card unusable at every class is refused with the reason, not half-used.
    Bench d(emu::idBridgeCt30());
    auto bad = emu::cityCardT1();
    bad.atr = *fromHex("3B F2 18");
    bad.atrAt1V8 = bad.atr;
    d.device->insertCard(bad);
    auto refused = connectCard(d.reader);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("truncated") != std::string::npos);
}
