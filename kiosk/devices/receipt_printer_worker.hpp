// The ReceiptPrinterService over the ESC/POS driver: one Worker owns the printer link,
// lays receipts out, prints them and, when a job is cut short (unplugged, paper out, cover
// open), keeps it and prints it again once the printer is back. Never blocks the caller.
// Idle, it sleeps: it wakes for a job, a hotplug event, or the retry of a job cut short.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>

#include "drivers/escpos/printer_driver.hpp"
#include "drivers/escpos/receipt_layout.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/devices/device_services.hpp"
#include "kiosk/devices/printer_link.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet {

struct PrinterWorkerOptions {
    // Between attempts of an interrupted job. The status (paper low…) is read when a printer
    // is opened and around each job; there is no idle poll.
    std::chrono::milliseconds retryInterval{1000};
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
    void step();                 // worker: takes in hotplug, prints the first job if it can
    void retryLater();           // worker: one timer for the next attempt
    void cancelLeftJobs();
    void setStatus(DeviceStatus s, const std::string& detail);
    void finishJob(Result<void> result);

    std::unique_ptr<PrinterLink> link_;
    MainThreadQueue& ui_;
    EventSink sink_;
    PrinterWorkerOptions opt_;
    escpos::LogoCache logos_;
    std::atomic<DeviceStatus> status_{DeviceStatus::Absent};
    std::string lastDetail_;
    mutable std::mutex mutex_;
    std::deque<Job> jobs_;
    // Worker-owned.
    std::unique_ptr<escpos::PrinterDriver> driver_;
    usb::Transport* driverTransport_ = nullptr;
    Worker::TimerId retry_ = 0;
    Worker worker_{"printer"};  // last: started once everything above exists
};

DeviceStatus deviceStatusFor(const escpos::PrinterStatus& s);

}  // namespace guichet
