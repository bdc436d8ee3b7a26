#include "kiosk/scan/scanner_host.hpp"

namespace guichet::scan {

bool ScannerHost::wantsUsb() const {
    auto a = escl::parseScannerAddress(config_.device);
    return !a || a->kind != escl::ScannerAddress::Kind::Network;
}

Result<void> ScannerHost::start(const HostContext& ctx) {
    auto a = escl::parseScannerAddress(config_.device);
    service_ = std::make_unique<EsclScannerService>(config_, ctx.ui, EsclScannerService::Opener{}, ctx.usb);
    service_->setStatusListener([report = ctx.report](const DeviceEvent& e) { report(e); });
    if (!a) return a.error();  // the service stays "absent" and says why
    return {};
}

void ScannerHost::stop() { service_.reset(); }  // cancels a running job, joins the worker

}  // namespace guichet::scan
