// Finds the devices Guichet can drive: by interface class (printer 7, CCID 0x0B, IPP-over-USB
// 7/1/4) or by VID:PID from device profiles. Reads descriptors only (cached by libusb): no
// device is opened, so it is safe from a hotplug callback too.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/usb/usb_context.hpp"
#include "drivers/usb/usb_device_info.hpp"

struct libusb_device;

namespace guichet::usb {

// The first (match, interface) pair that fits this device, in the order of `matches`
// (put specific VID:PID rules before class rules). nullopt: not ours.
std::optional<UsbDeviceInfo> describeDevice(libusb_device* device, std::span<const DeviceMatch> matches);

// Every interface of a device, for `guichetctl devices` and diagnostics.
std::vector<InterfaceInfo> listInterfaces(libusb_device* device);

// All devices currently attached that match one of `matches`.
Result<std::vector<UsbDeviceInfo>> findDevices(UsbContext& ctx, std::span<const DeviceMatch> matches);

// The same, each with every interface it has (a device speaking on several, like an
// IPP-over-USB scanner): other layers never walk libusb's device list themselves.
struct DeviceWithInterfaces {
    UsbDeviceInfo device;                  // the first matching interface
    std::vector<InterfaceInfo> interfaces;  // all of them
};
Result<std::vector<DeviceWithInterfaces>> findDevicesWithInterfaces(UsbContext& ctx, std::span<const DeviceMatch> matches);

}  // namespace guichet::usb
