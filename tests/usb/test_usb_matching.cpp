#include <catch2/catch.hpp>

#include "drivers/usb/usb_device_info.hpp"
#include "tests/support/umockdev/usb_descriptors.hpp"

using namespace guichet;
using namespace guichet::usb;

TEST_CASE("usb.device id is stable per port", "[usb]") {
    UsbDeviceInfo d;
    d.vendorId = 0x04b8;
    d.productId = 0x0e28;
    d.bus = 1;
    d.address = 7;
    d.portPath = "1-2.3";
    CHECK(d.id() == "usb:04b8:0e28@1-2.3");
    d.portPath.clear();
    CHECK(d.id() == "usb:04b8:0e28@1.7");
}

TEST_CASE("usb.match rules by class and by id", "[usb]") {
    InterfaceInfo printer;
    printer.cls = 7;
    printer.subClass = 1;
    printer.protocol = 2;
    printer.bulkOut = 0x03;
    InterfaceInfo ipp = printer;
    ipp.protocol = 4;
    InterfaceInfo hid;
    hid.cls = 3;

    auto anyPrinter = DeviceMatch::byClass(kClassPrinter);
    auto ippUsb = DeviceMatch::byClass(kClassPrinter, 1, 4);
    CHECK(matchesInterface(anyPrinter, printer));
    CHECK_FALSE(matchesInterface(ippUsb, printer));
    CHECK(matchesInterface(ippUsb, ipp));
    CHECK_FALSE(matchesInterface(anyPrinter, hid));

    auto pos58 = DeviceMatch::byId(0x0416, 0x5011);
    CHECK(matchesIds(pos58, 0x0416, 0x5011));
    CHECK_FALSE(matchesIds(pos58, 0x0416, 0x5012));
    CHECK(matchesInterface(pos58, printer));
    CHECK_FALSE(matchesInterface(pos58, hid));  // id-only rules still need a bulk OUT
}

TEST_CASE("usb.descriptor blob of the fake TM-T20III", "[usb]") {
    // Layout of the real TM-T20 dump (shared/device-data/printers), endpoints moved.
    Bytes blob = test::buildDescriptorBlob(test::epsonTmT20iii());
    REQUIRE(blob.size() == 18 + 32);
    CHECK(blob[0] == 18);
    CHECK(blob[8] == 0xb8);
    CHECK(blob[9] == 0x04);
    CHECK(blob[10] == 0x28);
    CHECK(blob[11] == 0x0e);
    CHECK(blob[18 + 2] == 32);  // wTotalLength 0x0020 as on the real device
    CHECK(blob[18 + 9 + 5] == 0x07);
    CHECK(blob[18 + 18 + 2] == 0x03);
    CHECK(blob[18 + 25 + 2] == 0x84);
}
