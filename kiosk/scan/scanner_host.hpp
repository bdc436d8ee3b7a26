// The scanner as the DeviceManager hosts it: the EsclScannerService on the manager's USB
// context (IPP over USB, followed by hotplug) or over TCP for a network scanner; its states
// reach the manager's table.
#pragma once

#include <memory>

#include "kiosk/devices/device_host.hpp"
#include "kiosk/scan/escl_scanner_service.hpp"
#include "kiosk/scan/scanner_config.hpp"

namespace guichet::scan {

class ScannerHost final : public DeviceHost {
public:
    explicit ScannerHost(ScannerConfig config) : config_(std::move(config)) {}
    ~ScannerHost() override { stop(); }

    DeviceKind kind() const override { return DeviceKind::Scanner; }
    bool wantsUsb() const override;  // not for a network scanner
    Result<void> start(const HostContext& ctx) override;
    void stop() override;  // the service goes too: clear every pointer to it first

    EsclScannerService* service() { return service_.get(); }  // null before start / after stop
    const ScannerConfig& config() const { return config_; }

private:
    const ScannerConfig config_;
    std::unique_ptr<EsclScannerService> service_;
};

}  // namespace guichet::scan
