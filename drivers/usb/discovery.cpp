#include "drivers/usb/discovery.hpp"

#include <libusb.h>

#include "drivers/usb/usb_error.hpp"

namespace guichet::usb {
namespace {

InterfaceInfo readInterface(const libusb_interface_descriptor& d) {
    InterfaceInfo info;
    info.number = d.bInterfaceNumber;
    info.alternate = d.bAlternateSetting;
    info.cls = d.bInterfaceClass;
    info.subClass = d.bInterfaceSubClass;
    info.protocol = d.bInterfaceProtocol;
    if (d.extra && d.extra_length > 0) info.extra.assign(d.extra, d.extra + d.extra_length);
    // A descriptor that claims more bytes than the configuration holds makes libusb stop
    // parsing there: bNumEndpoints stays as the device said, but `endpoint` is null. Such a
    // device is listed with no endpoint (hence unusable), never read out of bounds.
    const int endpoints = d.endpoint ? d.bNumEndpoints : 0;
    for (int e = 0; e < endpoints; ++e) {
        const libusb_endpoint_descriptor& ep = d.endpoint[e];
        const int type = ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK;
        const bool in = (ep.bEndpointAddress & LIBUSB_ENDPOINT_IN) != 0;
        // Keep the first of each kind: printers and CCID readers expose exactly one.
        if (type == LIBUSB_TRANSFER_TYPE_BULK && in && !info.bulkIn) {
            info.bulkIn = ep.bEndpointAddress;
            info.bulkInMaxPacket = ep.wMaxPacketSize;
        } else if (type == LIBUSB_TRANSFER_TYPE_BULK && !in && !info.bulkOut) {
            info.bulkOut = ep.bEndpointAddress;
            info.bulkOutMaxPacket = ep.wMaxPacketSize;
        } else if (type == LIBUSB_TRANSFER_TYPE_INTERRUPT && in && !info.interruptIn) {
            info.interruptIn = ep.bEndpointAddress;
        }
        // Some CCID readers put their class descriptor after the last endpoint.
        if (info.extra.empty() && ep.extra && ep.extra_length > 0) info.extra.assign(ep.extra, ep.extra + ep.extra_length);
    }
    return info;
}

std::string portPathOf(libusb_device* device) {
    std::uint8_t ports[8];
    int n = libusb_get_port_numbers(device, ports, sizeof ports);
    std::string path = std::to_string(libusb_get_bus_number(device));
    if (n <= 0) return path + "." + std::to_string(libusb_get_device_address(device));
    for (int i = 0; i < n; ++i) path += (i == 0 ? "-" : ".") + std::to_string(ports[i]);
    return path;
}

}  // namespace

std::vector<InterfaceInfo> listInterfaces(libusb_device* device) {
    std::vector<InterfaceInfo> out;
    libusb_config_descriptor* config = nullptr;
    // The active configuration; a device that reports none gets its first one.
    if (libusb_get_active_config_descriptor(device, &config) != LIBUSB_SUCCESS &&
        libusb_get_config_descriptor(device, 0, &config) != LIBUSB_SUCCESS)
        return out;
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& itf = config->interface[i];
        for (int a = 0; a < itf.num_altsetting; ++a) out.push_back(readInterface(itf.altsetting[a]));
    }
    libusb_free_config_descriptor(config);
    return out;
}

std::optional<UsbDeviceInfo> describeDevice(libusb_device* device, std::span<const DeviceMatch> matches) {
    libusb_device_descriptor dd{};
    if (libusb_get_device_descriptor(device, &dd) != LIBUSB_SUCCESS) return std::nullopt;
    std::vector<InterfaceInfo> interfaces;
    bool loaded = false;
    for (const DeviceMatch& m : matches) {
        if (!matchesIds(m, dd.idVendor, dd.idProduct)) continue;
        if (!loaded) {
            interfaces = listInterfaces(device);
            loaded = true;
        }
        for (const InterfaceInfo& iface : interfaces) {
            if (!matchesInterface(m, iface)) continue;
            UsbDeviceInfo info;
            info.bus = libusb_get_bus_number(device);
            info.address = libusb_get_device_address(device);
            info.portPath = portPathOf(device);
            info.vendorId = dd.idVendor;
            info.productId = dd.idProduct;
            info.iface = iface;
            info.matchLabel = m.label;
            for (const InterfaceInfo& other : interfaces)
                if (other.cls == kClassPrinter && other.subClass == 1 && other.protocol == 4) info.alsoIppUsb = true;
            return info;
        }
    }
    return std::nullopt;
}

Result<std::vector<UsbDeviceInfo>> findDevices(UsbContext& ctx, std::span<const DeviceMatch> matches) {
    libusb_device** list = nullptr;
    ssize_t n = libusb_get_device_list(ctx.raw(), &list);
    if (n < 0) return fromLibusb(static_cast<int>(n), "listing USB devices");
    std::vector<UsbDeviceInfo> found;
    for (ssize_t i = 0; i < n; ++i) {
        if (auto info = describeDevice(list[i], matches)) found.push_back(std::move(*info));
    }
    libusb_free_device_list(list, 1);
    return found;
}

Result<std::vector<DeviceWithInterfaces>> findDevicesWithInterfaces(UsbContext& ctx, std::span<const DeviceMatch> matches) {
    libusb_device** list = nullptr;
    ssize_t n = libusb_get_device_list(ctx.raw(), &list);
    if (n < 0) return fromLibusb(static_cast<int>(n), "listing USB devices");
    std::vector<DeviceWithInterfaces> found;
    for (ssize_t i = 0; i < n; ++i)
        if (auto info = describeDevice(list[i], matches)) found.push_back({std::move(*info), listInterfaces(list[i])});
    libusb_free_device_list(list, 1);
    return found;
}

}  // namespace guichet::usb
