// What discovery knows about a USB device function without opening it: ids, where it sits,
// and the interface + endpoints (read from the descriptors) a driver should claim.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace guichet::usb {

// Interface classes Guichet drives (USB-IF numbers).
inline constexpr std::uint8_t kClassPrinter = 0x07;   // subclass 1; protocol 1 uni, 2 bidi, 4 IPP-over-USB
inline constexpr std::uint8_t kClassCcid = 0x0B;
inline constexpr std::uint8_t kClassVendor = 0xFF;

// One rule that selects a device interface. Unset fields match anything; a rule with only
// vendorId/productId picks the first interface that has a bulk OUT endpoint.
struct DeviceMatch {
    std::optional<std::uint16_t> vendorId;
    std::optional<std::uint16_t> productId;
    std::optional<std::uint8_t> interfaceClass;
    std::optional<std::uint8_t> interfaceSubClass;
    std::optional<std::uint8_t> interfaceProtocol;
    std::string label;  // e.g. the profile name that asked for it ("tm-t20iii")

    static DeviceMatch byClass(std::uint8_t cls, std::optional<std::uint8_t> sub = {},
                               std::optional<std::uint8_t> proto = {}, std::string label = {}) {
        DeviceMatch m;
        m.interfaceClass = cls;
        m.interfaceSubClass = sub;
        m.interfaceProtocol = proto;
        m.label = std::move(label);
        return m;
    }
    static DeviceMatch byId(std::uint16_t vid, std::uint16_t pid, std::string label = {}) {
        DeviceMatch m;
        m.vendorId = vid;
        m.productId = pid;
        m.label = std::move(label);
        return m;
    }
};

struct InterfaceInfo {
    std::uint8_t number = 0;
    std::uint8_t alternate = 0;
    std::uint8_t cls = 0, subClass = 0, protocol = 0;
    std::uint8_t bulkIn = 0, bulkOut = 0, interruptIn = 0;  // 0 = absent (address 0 is never a bulk EP)
    std::uint16_t bulkInMaxPacket = 0, bulkOutMaxPacket = 0;
    std::vector<std::uint8_t> extra;  // class-specific descriptors (CCID 0x21 lives here)
};

struct UsbDeviceInfo {
    std::uint8_t bus = 0;
    std::uint8_t address = 0;
    std::string portPath;  // "1-2.3": stable across replugs in the same socket
    std::uint16_t vendorId = 0, productId = 0;
    InterfaceInfo iface;   // the interface that matched
    std::string matchLabel;
    // The device also has an IPP-over-USB interface (class 7/1/4): an office printer or a
    // multifunction scanner. Its plain printer interface does not understand ESC/POS.
    bool alsoIppUsb = false;

    // "usb:04b8:0e28@1-2" — the DeviceEvent id; the same device in the same port keeps it.
    std::string id() const;
};

bool matchesIds(const DeviceMatch& m, std::uint16_t vid, std::uint16_t pid);
bool matchesInterface(const DeviceMatch& m, const InterfaceInfo& iface);

}  // namespace guichet::usb
