// The terminal's scanner: implements ScannerService over eSCL on one Worker that owns the
// device connection (USB interfaces or TCP), runs scan jobs, probes the scanner's status
// between jobs, and posts progress, results and DeviceEvents to the UI thread.
// USB scanners are also followed by libusb hotplug (unplug → Absent at once, plug → Ready);
// network ones are noticed gone or back by the status probe. The probe runs every
// statusPoll after a change and backs off (doubling) to idleStatusPoll while nothing
// changes, so an idle terminal is not woken every second by its scanner.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "drivers/escl/scanner_connection.hpp"
#include "drivers/usb/hotplug.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/devices/device_services.hpp"
#include "kiosk/scan/scanner_config.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::scan {

class EsclScannerService final : public ScannerService {
public:
    // A feeder holds 50 to 75 sheets; a job that brings more is a faulty scanner (each page
    // is kept in memory until the resident is done).
    static constexpr int kMaxPagesPerJob = 100;
    // All the pages of one job together (each HTTP body is bounded by the parser already).
    static constexpr std::size_t kMaxBytesPerJob = 512u * 1024 * 1024;

    using Opener = std::function<Result<std::unique_ptr<escl::ScannerConnection>>()>;
    using StatusListener = std::function<void(const DeviceEvent&)>;

    // `open` is called on the worker whenever a connection is needed (first use, after an
    // unplug). The default one resolves config.device (USB or TCP). `usb`: the device
    // manager's USB context, shared with the other devices (null: one of its own if needed).
    EsclScannerService(ScannerConfig config, MainThreadQueue& ui, Opener open = {},
                       std::shared_ptr<usb::UsbContext> usb = {});
    ~EsclScannerService() override;  // cancels a running job and joins the worker
    EsclScannerService(const EsclScannerService&) = delete;
    EsclScannerService& operator=(const EsclScannerService&) = delete;

    DeviceStatus status() const override { return status_.load(); }
    void scan(const ScanRequest& request, std::function<void(float)> progress,
              std::function<void(Result<std::vector<ScannedPage>>)> done) override;
    void cancel() override;

    // Receives a DeviceEvent (on the UI thread) with the current status, then each change.
    void setStatusListener(StatusListener listener);
    // Asks for a status poll now instead of at the next interval.
    void pollNow();
    std::string deviceId() const;

private:
    struct Job {
        ScanRequest request;
        std::function<void(float)> progress;
        std::function<void(Result<std::vector<ScannedPage>>)> done;
    };

    void takeHotplug();             // worker: arrivals and departures queued by libusb
    void probe();                   // worker: a status poll, then the next one scheduled
    void scheduleProbe(escl::Millis after);
    bool ensureConnected();
    void dropConnection(const Error& why);
    void runJob(Job& job);
    void pollStatus();
    void setStatus(DeviceStatus s, std::string detail);
    Result<escl::ScanSettings> chooseSettings(const ScanRequest& request);

    ScannerConfig config_;
    MainThreadQueue& ui_;
    Opener open_;

    std::atomic<DeviceStatus> status_{DeviceStatus::Unknown};
    std::atomic<bool> cancel_{false};

    mutable std::mutex mutex_;
    bool jobRunning_ = false;  // one scan at a time
    StatusListener listener_;
    std::string deviceId_;

    // Worker-thread only.
    std::unique_ptr<escl::ScannerConnection> connection_;
    std::unique_ptr<escl::HttpClient> jobHttp_, statusHttp_;
    std::unique_ptr<escl::EsclClient> jobClient_, statusClient_;
    std::optional<escl::ScannerCapabilities> caps_;
    Worker::TimerId probeTimer_ = 0;
    escl::Millis probeInterval_{0};

    std::shared_ptr<usb::UsbContext> usb_;  // USB addresses only
    std::unique_ptr<usb::HotplugMonitor> hotplug_;
    Worker worker_{"scanner"};  // last: started once everything above exists
};

}  // namespace guichet::scan
