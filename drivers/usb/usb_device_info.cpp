#include "drivers/usb/usb_device_info.hpp"

#include <cstdio>

namespace guichet::usb {

std::string UsbDeviceInfo::id() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "usb:%04x:%04x@", vendorId, productId);
    std::string where = portPath.empty() ? std::to_string(bus) + "." + std::to_string(address) : portPath;
    return buf + where;
}

bool matchesIds(const DeviceMatch& m, std::uint16_t vid, std::uint16_t pid) {
    if (m.vendorId && *m.vendorId != vid) return false;
    if (m.productId && *m.productId != pid) return false;
    return true;
}

bool matchesInterface(const DeviceMatch& m, const InterfaceInfo& iface) {
    if (m.interfaceClass && *m.interfaceClass != iface.cls) return false;
    if (m.interfaceSubClass && *m.interfaceSubClass != iface.subClass) return false;
    if (m.interfaceProtocol && *m.interfaceProtocol != iface.protocol) return false;
    // An id-only rule still needs something to talk to.
    if (!m.interfaceClass && iface.bulkOut == 0) return false;
    return true;
}

}  // namespace guichet::usb
