// The libusb path under umockdev for both fake readers (IDBridge CT30: TPDU contact;
// ACR122U: short-APDU contactless): enumerate, power on, read the identifier, card removal
// notification on the interrupt endpoint, unplug during a transfer.
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/ccid/card_session.hpp"
#include "drivers/usb/discovery.hpp"
#include "drivers/usb/libusb_transport.hpp"
#include "tests/ccid/usb/ccid_fake_usb.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace guichet::ccid;
using namespace std::chrono_literals;

namespace {

const usb::DeviceMatch kCcid[] = {usb::DeviceMatch::byClass(usb::kClassCcid, {}, {}, "ccid")};

struct Plugged {
    std::shared_ptr<emu::EmulatedCcidReader> reader;
    std::shared_ptr<test::FakeUsbDevice> device;
};

Plugged plug(test::UmockdevTestbed& tb, emu::ReaderModel model, int port) {
    auto reader = std::make_shared<emu::EmulatedCcidReader>(model);
    auto dev = tb.plug(ccidtest::fakeSpec(model), std::make_shared<ccidtest::CcidUsbFunction>(reader), {.port = port});
    return {reader, dev};
}

std::shared_ptr<usb::UsbContext> newContext() {
    auto ctx = usb::UsbContext::create();
    REQUIRE(ctx.ok());
    return *ctx;
}

usb::UsbDeviceInfo findByPid(usb::UsbContext& ctx, std::uint16_t pid) {
    auto all = usb::findDevices(ctx, kCcid);
    REQUIRE(all.ok());
    for (auto& d : *all)
        if (d.productId == pid) return d;
    FAIL("reader not enumerated");
    return {};
}

std::string readId(ApduChannel& ch) {
    REQUIRE(apdu::select(ch, emu::cityCardAid()).ok());
    auto f = ch.transmit(apdu::selectFile(0xE101));
    REQUIRE(f.ok());
    auto id = apdu::readBinary(ch, 0, 15);
    REQUIRE(id.ok());
    return std::string(id->begin(), id->end());
}

}  // namespace

TEST_CASE("ccid.usb both fake readers enumerate with their class descriptors", "[ccid][umockdev]") {
    test::UmockdevTestbed tb;
    plug(tb, emu::idBridgeCt30(), 2);
    plug(tb, emu::acr122u(), 3);
    auto ctx = newContext();
    auto all = usb::findDevices(*ctx, kCcid);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);

    auto ct30 = findByPid(*ctx, 0x3437);
    CHECK(ct30.vendorId == 0x08E6);
    CHECK(ct30.id() == "usb:08e6:3437@1-2");
    CHECK(ct30.iface.bulkOut == 0x02);
    CHECK(ct30.iface.bulkIn == 0x82);
    CHECK(ct30.iface.interruptIn == 0x83);
    auto d = parseCcidClassDescriptor(ct30.iface.extra);
    REQUIRE(d.ok());
    CHECK(d->exchangeLevel() == ExchangeLevel::Tpdu);
    CHECK(d->features == 0x00010230);

    auto acr = findByPid(*ctx, 0x2200);
    auto a = parseCcidClassDescriptor(acr.iface.extra);
    REQUIRE(a.ok());
    CHECK(a->exchangeLevel() == ExchangeLevel::ShortApdu);
}

TEST_CASE("ccid.usb IDBridge CT30: power on a T=1 card and read the id through libusb", "[ccid][umockdev]") {
    test::UmockdevTestbed tb;
    auto p = plug(tb, emu::idBridgeCt30(), 2);
    p.reader->insertCard(emu::cityCardT1());
    auto ctx = newContext();
    auto info = findByPid(*ctx, 0x3437);
    auto t = usb::LibusbTransport::open(ctx, info);
    REQUIRE(t.ok());
    CcidReader reader(**t, *parseCcidClassDescriptor(info.iface.extra));
    auto c = connectCard(reader);
    REQUIRE(c.ok());
    CHECK(c->protocol == 1);
    CHECK(c->atr.raw == emu::cityCardT1().atr);
    CHECK(readId(*c->channel) == "CV-75056-004217");
    REQUIRE(reader.powerOff().ok());
    CHECK_FALSE(p.reader->cardPowered());
    CHECK(p.device->claims() == 1);
}

TEST_CASE("ccid.usb a reader announcing dwMaxCCIDMessageLength 0xFFFFFFFF is used within the standard's bound", "[ccid][umockdev]") {
    // Worst value a device can send: before the clamp, a 4 GiB read buffer on the card thread.
    auto model = emu::idBridgeCt30();
    model.descriptor.maxMessageLength = 0xFFFFFFFF;
    test::UmockdevTestbed tb;
    auto p = plug(tb, model, 2);
    p.reader->insertCard(emu::cityCardT1());
    auto ctx = newContext();
    auto info = findByPid(*ctx, 0x3437);
    auto d = parseCcidClassDescriptor(info.iface.extra);
    REQUIRE(d.ok());
    CHECK(d->maxMessageLength == CcidClassDescriptor::kMaxMessageLengthAllowed);
    auto t = usb::LibusbTransport::open(ctx, info);
    REQUIRE(t.ok());
    CcidReader reader(**t, *d);
    auto c = connectCard(reader);
    REQUIRE(c.ok());
    CHECK(readId(*c->channel) == "CV-75056-004217");
}

TEST_CASE("ccid.usb IDBridge CT30: T=0 card with GET RESPONSE through libusb", "[ccid][umockdev]") {
    test::UmockdevTestbed tb;
    auto p = plug(tb, emu::idBridgeCt30(), 2);
    p.reader->insertCard(emu::cityCardT0());
    auto ctx = newContext();
    auto info = findByPid(*ctx, 0x3437);
    auto t = usb::LibusbTransport::open(ctx, info);
    REQUIRE(t.ok());
    CcidReader reader(**t, *parseCcidClassDescriptor(info.iface.extra));
    auto c = connectCard(reader);
    REQUIRE(c.ok());
    CHECK(c->protocol == 0);
    CHECK(readId(*c->channel) == "CV-75056-004217");
}

TEST_CASE("ccid.usb ACR122U: contactless UID and id through libusb", "[ccid][umockdev]") {
    test::UmockdevTestbed tb;
    auto p = plug(tb, emu::acr122u(), 3);
    p.reader->insertCard(emu::contactlessCityCard());
    auto ctx = newContext();
    auto info = findByPid(*ctx, 0x2200);
    auto t = usb::LibusbTransport::open(ctx, info);
    REQUIRE(t.ok());
    CcidReader reader(**t, *parseCcidClassDescriptor(info.iface.extra));
    auto c = connectCard(reader);
    REQUIRE(c.ok());
    CHECK_FALSE(c->parametersSet);
    auto uid = apdu::readUid(*c->channel);
    REQUIRE(uid.ok());
    CHECK(toHex(*uid) == "04 52 3A 6A 91 2B 80");
    CHECK(readId(*c->channel) == "CV-75056-004217");
}

TEST_CASE("ccid.usb card insertion and removal arrive on the interrupt endpoint", "[ccid][umockdev]") {
    for (auto model : {emu::idBridgeCt30(), emu::acr122u()}) {
        INFO(model.name);
        test::UmockdevTestbed tb;
        auto p = plug(tb, model, 2);
        auto ctx = newContext();
        auto info = findByPid(*ctx, model.productId);
        auto t = usb::LibusbTransport::open(ctx, info);
        REQUIRE(t.ok());
        CcidReader reader(**t, *parseCcidClassDescriptor(info.iface.extra));

        auto quiet = reader.pollInterrupt(50ms);
        REQUIRE(quiet.ok());
        CHECK_FALSE(quiet->has_value());

        p.reader->insertCard(model.answersGetUid ? emu::contactlessCityCard() : emu::cityCardT1());
        auto in = reader.pollInterrupt(1000ms);
        REQUIRE(in.ok());
        REQUIRE(in->has_value());
        CHECK((*in)->slots[0].present);
        CHECK((*in)->slots[0].changed);

        p.reader->removeCard();
        auto out = reader.pollInterrupt(1000ms);
        REQUIRE(out.ok());
        REQUIRE(out->has_value());
        CHECK_FALSE((*out)->slots[0].present);
        CHECK((*out)->slots[0].changed);
        // The slot now answers "absent" to a power on.
        CHECK(reader.powerOnSelectingVoltage().error().code == ErrorCode::NotFound);
    }
}

TEST_CASE("ccid.usb unplug during a transfer ends it with Disconnected", "[ccid][umockdev]") {
    for (auto model : {emu::idBridgeCt30(), emu::acr122u()}) {
        INFO(model.name);
        test::UmockdevTestbed tb;
        auto p = plug(tb, model, 2);
        auto slow = model.answersGetUid ? emu::contactlessCityCard() : emu::cityCardT1();
        slow.timeExtensions = 1000;  // the card keeps the reader busy
        p.reader->setTimeExtensionDelay(50ms);
        p.reader->insertCard(slow);
        auto ctx = newContext();
        auto info = findByPid(*ctx, model.productId);
        auto t = usb::LibusbTransport::open(ctx, info);
        REQUIRE(t.ok());
        CcidReader reader(**t, *parseCcidClassDescriptor(info.iface.extra));
        std::thread unplugger([&] {
            std::this_thread::sleep_for(200ms);
            tb.unplug(p.device);
        });
        const auto start = std::chrono::steady_clock::now();
        auto r = reader.powerOn(Voltage::V5);
        unplugger.join();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Disconnected);
        CHECK(std::chrono::steady_clock::now() - start < 3s);
        CHECK(reader.slotStatus().error().code == ErrorCode::Disconnected);
    }
}
