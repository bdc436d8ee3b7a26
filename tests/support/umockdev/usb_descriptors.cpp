#include "tests/support/umockdev/usb_descriptors.hpp"

namespace guichet::test {
namespace {

void put16(Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v & 0xFF));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}

std::uint8_t stringIndex(const std::string& s, std::uint8_t index) { return s.empty() ? 0 : index; }

}  // namespace

Bytes deviceDescriptor(const FakeDeviceSpec& s) {
    Bytes b{18, 0x01};
    put16(b, s.bcdUsb);
    b.push_back(s.deviceClass);
    b.push_back(s.deviceSubClass);
    b.push_back(s.deviceProtocol);
    b.push_back(64);  // bMaxPacketSize0
    put16(b, s.vendorId);
    put16(b, s.productId);
    put16(b, s.bcdDevice);
    b.push_back(stringIndex(s.manufacturer, 1));
    b.push_back(stringIndex(s.product, 2));
    b.push_back(stringIndex(s.serial, 3));
    b.push_back(1);  // bNumConfigurations
    return b;
}

Bytes configDescriptor(const FakeDeviceSpec& s) {
    Bytes body;
    std::uint8_t numInterfaces = 0;
    for (const auto& itf : s.interfaces) {
        if (itf.alternate == 0) ++numInterfaces;
        body.insert(body.end(), {9, 0x04, itf.number, itf.alternate, static_cast<std::uint8_t>(itf.endpoints.size()), itf.cls,
                                 itf.subClass, itf.protocol, 0});
        body.insert(body.end(), itf.classDescriptor.begin(), itf.classDescriptor.end());
        for (const auto& ep : itf.endpoints) {
            body.insert(body.end(), {7, 0x05, ep.address, ep.attributes});
            put16(body, ep.maxPacket);
            body.push_back(ep.interval);
        }
    }
    Bytes b{9, 0x02};
    put16(b, static_cast<std::uint16_t>(9 + body.size()));
    b.insert(b.end(), {numInterfaces, 1, 0, s.configAttributes, s.maxPower2mA});
    b.insert(b.end(), body.begin(), body.end());
    return b;
}

Bytes buildDescriptorBlob(const FakeDeviceSpec& s) {
    Bytes b = deviceDescriptor(s);
    Bytes c = configDescriptor(s);
    b.insert(b.end(), c.begin(), c.end());
    return b;
}

Bytes stringDescriptor(const FakeDeviceSpec& s, std::uint8_t index) {
    if (index == 0) return {4, 0x03, 0x09, 0x04};
    const std::string* text = index == 1 ? &s.manufacturer : index == 2 ? &s.product : index == 3 ? &s.serial : nullptr;
    if (!text || text->empty()) return {};
    Bytes b{static_cast<std::uint8_t>(2 + 2 * text->size()), 0x03};
    for (char c : *text) put16(b, static_cast<std::uint8_t>(c));  // ASCII → UTF-16LE
    return b;
}

FakeDeviceSpec epsonTmT20iii() {
    FakeDeviceSpec s;
    s.vendorId = 0x04b8;
    s.productId = 0x0e28;
    s.manufacturer = "EPSON";
    s.product = "TM-T20III";
    s.serial = "X5KR000123";
    // Endpoints deliberately not 0x01/0x82 (the TM-T20 default) so hard-coding shows.
    s.interfaces.push_back(FakeInterface{0, 0, 0x07, 0x01, 0x02, {{0x03, 0x02, 64, 0}, {0x84, 0x02, 64, 0}}, {}});
    return s;
}

FakeDeviceSpec pos58() {
    FakeDeviceSpec s;
    s.vendorId = 0x0416;
    s.productId = 0x5011;
    s.manufacturer = "Winbond Electronics Corp.";
    s.product = "POS58 Printer USB";
    s.interfaces.push_back(FakeInterface{0, 0, 0x07, 0x01, 0x02, {{0x81, 0x02, 64, 0}, {0x03, 0x02, 64, 0}}, {}});
    return s;
}

}  // namespace guichet::test
