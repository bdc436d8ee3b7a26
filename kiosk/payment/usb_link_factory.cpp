#include "kiosk/payment/usb_link_factory.hpp"

#include <vector>

#include "drivers/payment/usb_cdc_link.hpp"
#include "drivers/usb/discovery.hpp"
#include "drivers/usb/libusb_transport.hpp"

namespace guichet::payment {

Result<std::unique_ptr<PaymentLink>> makeUsbLink(const DeviceAddress& a) {
    auto ctx = usb::UsbContext::create();
    if (!ctx) return ctx.error();
    std::vector<usb::DeviceMatch> matches;
    if (a.kind == DeviceAddress::Kind::Usb) {
        auto m = usb::DeviceMatch::byId(a.vid, a.pid, "tpe");
        m.interfaceClass = kClassCdcData;
        matches.push_back(m);
    } else {
        for (std::uint16_t vid : kKnownTpeVendors) {
            usb::DeviceMatch m;
            m.vendorId = vid;
            m.interfaceClass = kClassCdcData;
            m.label = "tpe";
            matches.push_back(m);
        }
    }
    auto found = usb::findDevices(**ctx, matches);
    if (!found) return found.error();
    if (found->empty())
        return makeError(ErrorCode::NotFound, a.kind == DeviceAddress::Kind::Usb
                                                  ? "no payment terminal " + a.text() + " with a CDC data interface"
                                                  : "no payment terminal found on USB (auto)");
    const usb::UsbDeviceInfo info = found->front();
    std::shared_ptr<usb::UsbContext> shared = std::move(ctx.value());
    auto opener = [shared, info]() -> Result<std::unique_ptr<usb::Transport>> {
        auto t = usb::LibusbTransport::open(shared, info);
        if (!t) return t.error();
        return std::unique_ptr<usb::Transport>(std::move(t.value()));
    };
    const int comm = info.iface.number > 0 ? info.iface.number - 1 : 0;
    return std::unique_ptr<PaymentLink>(new UsbCdcLink(opener, "usb " + info.id(), comm));
}

}  // namespace guichet::payment
