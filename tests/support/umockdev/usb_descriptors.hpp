// A fake USB device described as data (ids, strings, interfaces, endpoints) and turned into
// the descriptor blob the kernel exposes in sysfs (`descriptors`): what libusb parses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/common/bytes.hpp"

namespace guichet::test {

struct FakeEndpoint {
    std::uint8_t address = 0;        // 0x81 = IN 1, 0x03 = OUT 3
    std::uint8_t attributes = 0x02;  // 2 bulk, 3 interrupt
    std::uint16_t maxPacket = 64;
    std::uint8_t interval = 0;
};

struct FakeInterface {
    std::uint8_t number = 0;
    std::uint8_t alternate = 0;
    std::uint8_t cls = 0, subClass = 0, protocol = 0;
    std::vector<FakeEndpoint> endpoints;
    Bytes classDescriptor;  // placed after the interface descriptor (CCID: 54 bytes, type 0x21)
};

struct FakeDeviceSpec {
    std::uint16_t vendorId = 0, productId = 0, bcdDevice = 0x0100, bcdUsb = 0x0200;
    std::uint8_t deviceClass = 0, deviceSubClass = 0, deviceProtocol = 0;
    std::string manufacturer, product, serial;  // string indexes 1, 2, 3 (0 when empty)
    std::vector<FakeInterface> interfaces;
    std::uint8_t configAttributes = 0xC0;
    std::uint8_t maxPower2mA = 50;
};

// 18-byte device descriptor followed by the full configuration descriptor.
Bytes buildDescriptorBlob(const FakeDeviceSpec& spec);
Bytes deviceDescriptor(const FakeDeviceSpec& spec);
Bytes configDescriptor(const FakeDeviceSpec& spec);
// String descriptor `index` (0 = language list 0x0409); empty when the index is unknown.
Bytes stringDescriptor(const FakeDeviceSpec& spec, std::uint8_t index);

// Ready-made specs from real devices (shared/device-data/printers).
FakeDeviceSpec epsonTmT20iii();  // 04b8:0e28, interface 7/1/2, bulk OUT 0x03, IN 0x84 (non-default)
FakeDeviceSpec pos58();          // 0416:5011, interface 7/1/2, IN 0x81, OUT 0x03

}  // namespace guichet::test
