// A software eSCL scanner: answers HTTP requests as a real AirScan device would —
// capabilities, status, jobs, pages — and misbehaves on demand (feeder empty, jam, busy
// 503s, slow pages, chunked bodies, a bogus Location host, unplug). Transport-free: the
// TCP server, the in-process stream and the fake IPP-over-USB device all feed it.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "drivers/escl/escl_types.hpp"
#include "drivers/escl/http_message.hpp"

namespace guichet::emu {

using Millis = std::chrono::milliseconds;

struct EmulatorBehaviour {
    bool hasFeeder = true;
    int feederSheets = 0;          // sheets waiting in the feeder
    int jamAtSheet = 0;            // the Nth sheet fed jams (1-based; 0 = never)
    int busyBeforeEachPage = 0;    // NextDocument answers 503 this many times before each page
    int busyOnCreate = 0;          // POST ScanJobs answers 503 this many times first
    Millis pageDelay{0};           // a slow scanner: each page answer comes this late
    std::size_t chunkSize = 0;     // > 0: every body is sent chunked in pieces this big
    std::string locationPrefix;    // "http://10.9.9.9:631" makes Location carry a bogus host
    std::size_t cutPageAfterBytes = 0;  // > 0: the device vanishes mid-page (unplug)
    bool unplugged = false;        // answers nothing, connections die
    bool closeAfterEachResponse = false;  // "Connection: close" on every answer
    std::string makeAndModel = "Guichet eSCL Emulator";
    std::string date;              // printed on pages; today (UTC) when empty
    int jpegQuality = 85;
    int paperGrain = 0;              // see TestPageSpec::paperGrain
    bool reuseRenderedPage = false;  // benchmarks: render once per settings, serve it again
    int claimedPageSide = 0;         // > 0: a lying device, every page's JPEG header claims
                                     // this width and height (65535 at worst)
};

// One answer and how to deliver it.
struct EmulatorResponse {
    Bytes wire;
    Millis delay{0};
    bool closeAfter = false;
    std::size_t cutAfterBytes = 0;  // 0 = send it all
};

class EsclEmulator {
public:
    struct Stats {
        int requests = 0;
        int jobsCreated = 0;
        int jobsCancelled = 0;
        int pagesServed = 0;
        int busyAnswers = 0;
        std::string lastHostHeader;
        std::string lastScanSettings;
    };

    explicit EsclEmulator(EmulatorBehaviour behaviour = {});

    EmulatorResponse handle(const escl::HttpMessage& request);
    // The answer to bytes that are not HTTP: 400 and close.
    EmulatorResponse badRequest();

    void update(const std::function<void(EmulatorBehaviour&)>& change);
    // Called (outside the lock) after every update(): a server sleeping on its sockets
    // learns of an unplug at once instead of polling for it. One listener; empty to remove.
    void setChangeListener(std::function<void()> listener);
    EmulatorBehaviour behaviour() const;
    bool unplugged() const;
    Stats stats() const;

    std::string capabilitiesXml() const;

private:
    struct Job {
        escl::ScanSettings settings;
        int pagesServed = 0;
        int busyLeft = 0;
        std::string state = "Processing";  // Completed, Aborted, Canceled
        std::string reason = "JobScanning";
    };

    EmulatorResponse respond(int status, const char* reason, const std::string& contentType, Bytes body,
                             std::vector<escl::HttpHeader> headers = {});
    EmulatorResponse createJob(const escl::HttpMessage& request);
    EmulatorResponse nextDocument(int jobId);
    std::string statusXml() const;
    bool jobActive() const;

    mutable std::mutex mutex_;
    std::function<void()> changeListener_;  // under mutex_
    EmulatorBehaviour b_;
    Stats stats_;
    std::map<int, Job> jobs_;
    int nextJobId_ = 1;
    bool jammed_ = false;
    std::string cachedKey_;  // settings of cachedPage_ (reuseRenderedPage)
    Bytes cachedPage_;
};

}  // namespace guichet::emu
