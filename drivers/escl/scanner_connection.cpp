#include "drivers/escl/scanner_connection.hpp"

#include <charconv>

#include "drivers/common/log.hpp"
#include "drivers/escl/escl_url.hpp"
#include "drivers/escl/tcp_stream.hpp"
#include "drivers/escl/usb_stream.hpp"
#include "drivers/usb/discovery.hpp"
#include "drivers/usb/libusb_transport.hpp"

namespace guichet::escl {

namespace {

// IPP over USB is class 7/1/4; some HP devices expose the same thing as vendor 255/9/1.
bool isIppUsb(const usb::InterfaceInfo& i) {
    const bool standard = i.cls == usb::kClassPrinter && i.subClass == 1 && i.protocol == 4;
    const bool hpVendor = i.cls == usb::kClassVendor && i.subClass == 9 && i.protocol == 1;
    return (standard || hpVendor) && i.bulkIn && i.bulkOut;
}

std::optional<std::uint16_t> hex16(std::string_view s) {
    unsigned v = 0;
    if (s.size() != 4) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return static_cast<std::uint16_t>(v);
}

}  // namespace

Result<ScannerAddress> parseScannerAddress(std::string_view text) {
    ScannerAddress a;
    if (text == "auto") return a;
    if (text.starts_with("usb:")) {
        auto rest = text.substr(4);
        auto colon = rest.find(':');
        auto vid = hex16(rest.substr(0, colon));
        auto pid = colon == std::string_view::npos ? std::nullopt : hex16(rest.substr(colon + 1));
        if (!vid || !pid)
            return makeError(ErrorCode::InvalidArgument, "scanner '" + std::string(text) +
                                                             "': expected usb:VID:PID with 4 hex digits each (usb:04a9:1913)");
        a.kind = ScannerAddress::Kind::Usb;
        a.vendorId = vid;
        a.productId = pid;
        return a;
    }
    if (text.starts_with("http")) {
        auto url = parseEsclUrl(text);
        if (!url) return url.error();
        a.kind = ScannerAddress::Kind::Network;
        a.host = url->host;
        a.port = url->port;
        a.basePath = url->basePath;
        return a;
    }
    return makeError(ErrorCode::InvalidArgument, "scanner '" + std::string(text) +
                                                     "': expected auto, usb:VID:PID or http://HOST:PORT/eSCL");
}

std::vector<usb::DeviceMatch> ippUsbMatches(std::optional<std::uint16_t> vendorId, std::optional<std::uint16_t> productId,
                                            std::string label) {
    usb::DeviceMatch match = usb::DeviceMatch::byClass(usb::kClassPrinter, 1, 4, label);
    usb::DeviceMatch hp = usb::DeviceMatch::byClass(usb::kClassVendor, 9, 1, label);
    match.vendorId = hp.vendorId = vendorId;
    match.productId = hp.productId = productId;
    return {match, hp};
}

Result<std::vector<IppUsbDevice>> findIppUsbDevices(usb::UsbContext& ctx, std::optional<std::uint16_t> vendorId,
                                                    std::optional<std::uint16_t> productId) {
    const auto matches = ippUsbMatches(vendorId, productId);
    auto devices = usb::findDevicesWithInterfaces(ctx, matches);
    if (!devices) return makeError(ErrorCode::Io, "USB: cannot list devices");
    std::vector<IppUsbDevice> found;
    for (auto& dev : *devices) {
        IppUsbDevice d{std::move(dev.device), {}};
        for (const auto& iface : dev.interfaces) {
            // One alternate setting per interface number: the first IPP-over-USB one.
            bool seen = false;
            for (const auto& have : d.interfaces) seen = seen || have.number == iface.number;
            if (isIppUsb(iface) && !seen) d.interfaces.push_back(iface);
        }
        if (!d.interfaces.empty()) found.push_back(std::move(d));
    }
    return found;
}

Result<std::unique_ptr<ScannerConnection>> openIppUsb(std::shared_ptr<usb::UsbContext> ctx, const IppUsbDevice& device) {
    auto conn = std::make_unique<ScannerConnection>();
    conn->id = device.first.id();
    conn->basePath = "/eSCL";
    Error last = makeError(ErrorCode::NotFound, "USB: no IPP-over-USB interface on " + device.first.id());
    for (const auto& iface : device.interfaces) {
        usb::UsbDeviceInfo info = device.first;
        info.iface = iface;
        auto t = usb::LibusbTransport::open(ctx, info);
        if (!t) {
            // Another program (ipp-usb, CUPS) may hold some interfaces: use the others.
            log::warning("escl", "cannot claim interface " + std::to_string(iface.number) + " of " + info.id() + ": " +
                                     t.error().message);
            last = t.error();
            continue;
        }
        std::shared_ptr<usb::Transport> shared = std::move(*t);
        conn->streams.push_back(std::make_unique<UsbStream>(
            shared, iface.number, "usb " + info.id() + " if" + std::to_string(iface.number)));
    }
    if (conn->streams.empty()) return last;
    return conn;
}

Result<std::unique_ptr<ScannerConnection>> openScanner(const ScannerAddress& address,
                                                       std::shared_ptr<usb::UsbContext> ctx, Millis timeout) {
    if (address.kind == ScannerAddress::Kind::Network) {
        auto s = TcpStream::connect(address.host, address.port, timeout);
        if (!s) return s.error();
        auto conn = std::make_unique<ScannerConnection>();
        conn->id = "http://" + address.host + ":" + std::to_string(address.port) + address.basePath;
        conn->basePath = address.basePath;
        const bool v6 = address.host.find(':') != std::string::npos;
        conn->hostHeader = (v6 ? "[" + address.host + "]" : address.host) +
                           (address.port == 80 ? "" : ":" + std::to_string(address.port));
        conn->streams.push_back(std::move(*s));
        return conn;
    }
    if (!ctx) {
        auto created = usb::UsbContext::create();
        if (!created) return created.error();
        ctx = *created;
    }
    auto found = findIppUsbDevices(*ctx, address.vendorId, address.productId);
    if (!found) return found.error();
    if (found->empty()) {
        return makeError(ErrorCode::NotFound, address.kind == ScannerAddress::Kind::Auto
                                                  ? "no IPP-over-USB scanner is connected"
                                                  : "no IPP-over-USB scanner with that VID:PID is connected");
    }
    return openIppUsb(ctx, found->front());
}

}  // namespace guichet::escl
