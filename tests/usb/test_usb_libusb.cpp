// The real libusb path against fake devices served by umockdev (tests/support/umockdev).
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/usb/discovery.hpp"
#include "drivers/usb/libusb_transport.hpp"
#include "tests/support/umockdev/scripted_usb_function.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace guichet::usb;
using namespace std::chrono_literals;

namespace {

const DeviceMatch kPrinters[] = {DeviceMatch::byClass(kClassPrinter, {}, {}, "printer")};

std::shared_ptr<UsbContext> newContext() {
    auto ctx = UsbContext::create();
    REQUIRE(ctx.ok());
    return *ctx;
}

UsbDeviceInfo findOne(UsbContext& ctx, std::span<const DeviceMatch> matches = kPrinters) {
    auto found = findDevices(ctx, matches);
    REQUIRE(found.ok());
    REQUIRE(found->size() == 1);
    return found->front();
}

}  // namespace

TEST_CASE("usb.fake printer is enumerated with endpoints from its descriptors", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    tb.plug(test::epsonTmT20iii(), fn, {.port = 2});
    tb.plug(test::pos58(), std::make_shared<test::ScriptedUsbFunction>(), {.port = 3});

    auto ctx = newContext();
    auto all = findDevices(*ctx, kPrinters);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);

    const DeviceMatch tm[] = {DeviceMatch::byId(0x04b8, 0x0e28, "tm-t20iii")};
    UsbDeviceInfo d = findOne(*ctx, tm);
    CHECK(d.vendorId == 0x04b8);
    CHECK(d.productId == 0x0e28);
    CHECK(d.iface.cls == 7);
    CHECK(d.iface.protocol == 2);
    CHECK(d.iface.bulkOut == 0x03);  // not the usual 0x01/0x82
    CHECK(d.iface.bulkIn == 0x84);
    CHECK(d.matchLabel == "tm-t20iii");
    CHECK(d.id() == "usb:04b8:0e28@1-2");

    const DeviceMatch ccid[] = {DeviceMatch::byClass(kClassCcid)};
    auto none = findDevices(*ctx, ccid);
    REQUIRE(none.ok());
    CHECK(none->empty());
}

TEST_CASE("usb.bulk round-trip through libusb", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    // The fake answers each DLE EOT 4 (paper sensor) with "near end".
    fn->setOutHook([](test::ScriptedUsbFunction& self, std::uint8_t, std::span<const std::uint8_t> d) {
        if (d.size() == 3 && d[0] == 0x10 && d[1] == 0x04 && d[2] == 0x04) self.queueIn(0x84, Bytes{0x1E});
    });
    auto dev = tb.plug(test::epsonTmT20iii(), fn, {.port = 2});

    auto ctx = newContext();
    auto t = LibusbTransport::open(ctx, findOne(*ctx));
    REQUIRE(t.ok());
    CHECK(dev->claims() == 1);

    Bytes text{0x1B, 0x40, 'H', 'i', 0x0A};
    auto w = (*t)->bulkWrite(text, 1000ms);
    REQUIRE(w.ok());
    CHECK(*w == text.size());
    CHECK(fn->received(0x03) == text);

    // A large write (bigger than any packet) arrives whole and in order.
    Bytes big(100000);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7);
    fn->clearReceived(0x03);
    REQUIRE((*t)->bulkWrite(big, 2000ms).ok());
    CHECK(fn->received(0x03) == big);

    Bytes query{0x10, 0x04, 0x04};
    REQUIRE((*t)->bulkWrite(query, 1000ms).ok());
    std::uint8_t status[8] = {};
    auto r = (*t)->bulkRead(status, 1000ms);
    REQUIRE(r.ok());
    CHECK(*r == 1);
    CHECK(status[0] == 0x1E);
}

TEST_CASE("usb.bulk read with no answer times out and the transport stays usable", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    auto dev = tb.plug(test::epsonTmT20iii(), fn);
    auto ctx = newContext();
    auto t = LibusbTransport::open(ctx, findOne(*ctx));
    REQUIRE(t.ok());

    std::uint8_t buf[4];
    auto start = std::chrono::steady_clock::now();
    auto r = (*t)->bulkRead(buf, 150ms);
    auto took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Timeout);
    CHECK(took < 2s);
    CHECK(dev->discards() == 1);  // libusb cancelled the pending URB

    fn->queueIn(0x84, Bytes{0x12});
    auto again = (*t)->bulkRead(buf, 500ms);
    REQUIRE(again.ok());
    CHECK(buf[0] == 0x12);
}

TEST_CASE("usb.kernel driver is detached before claiming", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto dev = tb.plug(test::epsonTmT20iii(), std::make_shared<test::ScriptedUsbFunction>(), {.kernelDriver = "usblp"});
    auto ctx = newContext();
    auto t = LibusbTransport::open(ctx, findOne(*ctx));
    REQUIRE(t.ok());
    CHECK(dev->kernelDriverDetaches() == 1);
    CHECK(dev->claims() == 1);
}

TEST_CASE("usb.stalled endpoint is cleared and the write retried once", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    auto dev = tb.plug(test::epsonTmT20iii(), fn);
    auto ctx = newContext();
    auto t = LibusbTransport::open(ctx, findOne(*ctx));
    REQUIRE(t.ok());

    fn->stallNextOut(0x03);
    Bytes data{0x1B, 0x40};
    REQUIRE((*t)->bulkWrite(data, 1000ms).ok());
    CHECK(dev->clearHalts() == 1);
    CHECK(fn->received(0x03) == data);

    fn->stallNextIn(0x84);
    fn->queueIn(0x84, Bytes{0x12});
    std::uint8_t buf[1];
    auto r = (*t)->bulkRead(buf, 1000ms);
    REQUIRE(r.ok());
    CHECK(buf[0] == 0x12);
    CHECK(dev->clearHalts() == 2);
}

TEST_CASE("usb.control transfer reaches the device (printer GET_DEVICE_ID)", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    const std::string id = "MFG:EPSON;CMD:ESCPOS;MDL:TM-T20III;CLS:PRINTER;";
    fn->setControlHook([&](const test::SetupPacket& s, std::span<const std::uint8_t>) -> std::optional<Bytes> {
        if (s.requestType != 0xA1 || s.request != 0x00) return std::nullopt;
        Bytes b{0, static_cast<std::uint8_t>(id.size() + 2)};  // big-endian length prefix
        b.insert(b.end(), id.begin(), id.end());
        return b;
    });
    tb.plug(test::epsonTmT20iii(), fn);
    auto ctx = newContext();
    auto t = LibusbTransport::open(ctx, findOne(*ctx));
    REQUIRE(t.ok());

    std::uint8_t buf[256] = {};
    auto r = (*t)->control({0xA1, 0x00, 0, 0}, buf, 500ms);
    REQUIRE(r.ok());
    REQUIRE(*r == id.size() + 2);
    CHECK(std::string(reinterpret_cast<char*>(buf + 2), id.size()) == id);

    // An unknown request stalls: a clean error, no hang.
    auto bad = (*t)->control({0xC1, 0x42, 0, 0}, buf, 500ms);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::Stall);

    CHECK((*t)->stringDescriptor(2, 500ms) == "TM-T20III");
}

TEST_CASE("usb.unplugged device answers Disconnected, never hangs", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    auto dev = tb.plug(test::epsonTmT20iii(), fn);
    auto ctx = newContext();
    auto t = LibusbTransport::open(ctx, findOne(*ctx));
    REQUIRE(t.ok());

    // Unplug while a read is in flight.
    std::thread unplugger([&] {
        std::this_thread::sleep_for(100ms);
        tb.unplug(dev);
    });
    std::uint8_t buf[4];
    auto start = std::chrono::steady_clock::now();
    auto r = (*t)->bulkRead(buf, 3000ms);
    unplugger.join();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Disconnected);
    CHECK(std::chrono::steady_clock::now() - start < 2500ms);

    auto w = (*t)->bulkWrite(Bytes{0x1B, 0x40}, 500ms);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().code == ErrorCode::Disconnected);
    CHECK_FALSE((*t)->isOpen());
    (*t)->close();
    (*t)->close();  // idempotent
}

TEST_CASE("usb.NAKed write times out, later writes go through", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    auto dev = tb.plug(test::epsonTmT20iii(), fn);
    auto ctx = newContext();
    auto t = LibusbTransport::open(ctx, findOne(*ctx));
    REQUIRE(t.ok());

    fn->setNak(0x03, true);  // a printer out of paper stops taking data
    auto w = (*t)->bulkWrite(Bytes{'a', 'b'}, 200ms);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().code == ErrorCode::Timeout);
    CHECK(fn->received(0x03).empty());
    CHECK(dev->discards() == 1);

    fn->setNak(0x03, false);
    REQUIRE((*t)->bulkWrite(Bytes{'c'}, 500ms).ok());
    CHECK(fn->received(0x03) == Bytes{'c'});
}
