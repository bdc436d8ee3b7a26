// The ReceiptPrinterService over the ESC/POS driver: one worker thread owns the printer link,
// lays receipts out, prints them and, when a job is cut short (unplugged, paper out, cover
// open), keeps it and prints it again once the printer is back. Never blocks the caller.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "drivers/escpos/printer_driver.hpp"
#include "drivers/escpos/receipt_layout.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/devices/device_services.hpp"
#include "kiosk/devices/printer_link.hpp"

namespace guichet {

struct PrinterWorkerOptions {
    std::chrono::milliseconds retryInterval{1000};   // between attempts of an interrupted job
    std::chrono::milliseconds statusInterval{3000};  // idle status polls (paper low…)
    std::chrono::milliseconds idlePoll{100};         // hotplug/job wake-up granularity
    escpos::DriverTimeouts timeouts;
    std::string assetDir;                            // relative logo paths
};

class ReceiptPrinterWorker final : public ReceiptPrinterService {
public:
    using EventSink = std::function<void(const DeviceEvent&)>;  // called on the worker thread

    ReceiptPrinterWorker(std::unique_ptr<PrinterLink> link, MainThreadQueue& ui, EventSink sink, PrinterWorkerOptions o = {});
    ~ReceiptPrinterWorker() override;

    DeviceStatus status() const override { return status_.load(); }
    void print(const doc::ReceiptDocument& receipt, std::function<void(Result<void>)> done) override;

    void stop();
    std::size_t pendingJobs() const;
    PrinterLink& link() { return *link_; }

private:
    struct Job {
        doc::ReceiptDocument receipt;
        std::function<void(Result<void>)> done;
        Bytes bytes;  // laid out once for the profile it was printed on
        std::string profileName;
        int attempts = 0;
        std::size_t resync = 0;  // NULs owed to the printer after an interrupted attempt
    };
    void run();
    void setStatus(DeviceStatus s, const std::string& detail);
    void finishJob(Result<void> result);
    bool waitFor(std::chrono::milliseconds d);  // false when stopping

    std::unique_ptr<PrinterLink> link_;
    MainThreadQueue& ui_;
    EventSink sink_;
    PrinterWorkerOptions opt_;
    escpos::LogoCache logos_;
    std::atomic<DeviceStatus> status_{DeviceStatus::Absent};
    std::string lastDetail_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

DeviceStatus deviceStatusFor(const escpos::PrinterStatus& s);

}  // namespace guichet
