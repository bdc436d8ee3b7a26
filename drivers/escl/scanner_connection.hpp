// Opens the scanner an operator or the terminal's config names — "auto", "usb:VID:PID" or an
// eSCL URL — as one or more ByteStreams: every IPP-over-USB interface of the device (each
// carries one request at a time), or one TCP connection for a network scanner.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/escl/byte_stream.hpp"
#include "drivers/usb/usb_context.hpp"
#include "drivers/usb/usb_device_info.hpp"

namespace guichet::escl {

struct ScannerAddress {
    enum class Kind { Auto, Usb, Network } kind = Kind::Auto;
    std::optional<std::uint16_t> vendorId, productId;  // Usb
    std::string host;                                  // Network
    int port = 0;
    std::string basePath = "/eSCL";
};

// "auto", "usb:04a9:1913", "http://127.0.0.1:60000/eSCL"; InvalidArgument with a message
// that shows the accepted forms.
Result<ScannerAddress> parseScannerAddress(std::string_view text);

struct ScannerConnection {
    std::string id;        // "usb:04a9:1913@1-2" or "http://127.0.0.1:60000/eSCL"
    std::string basePath;  // "/eSCL"
    // The Host header: "localhost" on USB (IPP-over-USB wants exactly that), the address
    // the operator gave for a network scanner ("192.168.1.20:8080").
    std::string hostHeader = "localhost";
    std::vector<std::unique_ptr<ByteStream>> streams;  // never empty
    // The stream for jobs, and another one (when the device has it) for status polls
    // while a job runs.
    ByteStream& jobStream() { return *streams.front(); }
    ByteStream& statusStream() { return *streams[streams.size() > 1 ? 1 : 0]; }
};

// The hotplug / discovery rules of an IPP-over-USB scanner (7/1/4 and HP's 255/9/1),
// narrowed to a VID:PID when given: the one definition discovery and hotplug both use.
std::vector<usb::DeviceMatch> ippUsbMatches(std::optional<std::uint16_t> vendorId = {},
                                            std::optional<std::uint16_t> productId = {}, std::string label = "ipp-usb");

// The IPP-over-USB interfaces (7/1/4, or HP's 255/9/1, with bulk IN and OUT) of every attached device that
// has one; `only` narrows to a VID:PID. One entry per device, listing all its interfaces.
struct IppUsbDevice {
    usb::UsbDeviceInfo first;                  // bus/address/ids, first interface
    std::vector<usb::InterfaceInfo> interfaces;
};
Result<std::vector<IppUsbDevice>> findIppUsbDevices(usb::UsbContext& ctx, std::optional<std::uint16_t> vendorId = {},
                                                    std::optional<std::uint16_t> productId = {});
// Claims every IPP-over-USB interface of the device; fails only if none could be claimed.
Result<std::unique_ptr<ScannerConnection>> openIppUsb(std::shared_ptr<usb::UsbContext> ctx, const IppUsbDevice& device);

// Resolves an address: USB (first match) or TCP. `ctx` may be null for network addresses.
Result<std::unique_ptr<ScannerConnection>> openScanner(const ScannerAddress& address,
                                                       std::shared_ptr<usb::UsbContext> ctx, Millis timeout);

}  // namespace guichet::escl
