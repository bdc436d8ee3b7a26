// libusb hotplug (ENUMERATE, one event thread) against umockdev uevents.
#include <catch2/catch.hpp>

#include "drivers/usb/hotplug.hpp"
#include "drivers/usb/libusb_transport.hpp"
#include "tests/support/umockdev/scripted_usb_function.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace guichet::usb;
using namespace std::chrono_literals;

TEST_CASE("usb.hotplug enumerates, sees unplug and replug", "[usb][umockdev]") {
    test::UmockdevTestbed tb;
    auto fn = std::make_shared<test::ScriptedUsbFunction>();
    auto dev = tb.plug(test::epsonTmT20iii(), fn, {.port = 2});

    auto ctx = UsbContext::create();
    REQUIRE(ctx.ok());
    auto mon = HotplugMonitor::start(*ctx, {DeviceMatch::byClass(kClassPrinter)});
    REQUIRE(mon.ok());

    auto first = (*mon)->next(2s);
    REQUIRE(first.has_value());
    CHECK(first->kind == HotplugEvent::Kind::Arrived);  // ENUMERATE: already present
    CHECK(first->device.id() == "usb:04b8:0e28@1-2");

    tb.unplug(dev);
    auto left = (*mon)->next(3s);
    REQUIRE(left.has_value());
    CHECK(left->kind == HotplugEvent::Kind::Left);
    CHECK(left->device.id() == first->device.id());

    auto fn2 = std::make_shared<test::ScriptedUsbFunction>();
    tb.plug(test::epsonTmT20iii(), fn2, {.port = 2});
    auto back = (*mon)->next(3s);
    REQUIRE(back.has_value());
    CHECK(back->kind == HotplugEvent::Kind::Arrived);
    CHECK(back->device.id() == first->device.id());          // same port, same id
    CHECK(back->device.address != first->device.address);    // but a new address

    // The replugged device is usable without restarting anything.
    auto t = LibusbTransport::open(*ctx, back->device);
    REQUIRE(t.ok());
    REQUIRE((*t)->bulkWrite(Bytes{0x1B, 0x40}, 1000ms).ok());
    CHECK(fn2->received(0x03) == Bytes{0x1B, 0x40});
    (*mon)->stop();
}
