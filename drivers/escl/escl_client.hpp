// The eSCL conversation with one scanner over an HttpClient: capabilities, status, job
// creation, the NextDocument loop (503 → bounded retry, 404/410 → no more pages), cancel.
// Feeder problems are read back from ScannerStatus and reported as a ScannerCondition.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>

#include "drivers/escl/capabilities.hpp"
#include "drivers/escl/escl_types.hpp"
#include "drivers/escl/http_client.hpp"
#include "drivers/escl/scanner_status.hpp"

namespace guichet::escl {

// What the last operation learnt about the device, for the device manager and the UI.
enum class ScannerCondition { Ready, Busy, FeederEmpty, Jam, Unknown };
const char* scannerConditionName(ScannerCondition c);

struct RetryPolicy {
    int maxBusyRetries = 30;  // 503s tolerated for one request (PROTOCOLS.md §3)
    Millis busyWait{1000};
};

class EsclClient {
public:
    struct Options {
        std::string basePath = "/eSCL";
        RetryPolicy retry{};
    };
    using CancelFlag = const std::atomic<bool>*;
    // Gets each page as it arrives (ownership passes; pages are personal data). An error
    // returned here aborts the job.
    using PageSink = std::function<Result<void>(Bytes&& page, int pageIndex)>;

    explicit EsclClient(HttpClient& http) : EsclClient(http, Options{}) {}
    EsclClient(HttpClient& http, Options options);

    Result<ScannerCapabilities> capabilities();
    Result<ScannerStatus> status();
    // POST ScanJobs; returns the job path with the device's host part removed.
    Result<std::string> createJob(const ScanSettings& settings, CancelFlag cancel = nullptr);
    // One page, or nullopt when the job has no more.
    Result<std::optional<Bytes>> nextDocument(const std::string& jobPath, CancelFlag cancel = nullptr);
    Result<void> cancelJob(const std::string& jobPath);

    // The whole job: create, fetch every page (one for the platen), classify failures.
    // Returns the number of pages delivered to `sink`.
    Result<int> scan(const ScanSettings& settings, const PageSink& sink, CancelFlag cancel = nullptr);

    ScannerCondition lastCondition() const { return condition_; }
    int busyAnswers() const { return busyAnswers_; }  // 503s seen since construction

private:
    // Sleeps the retry wait in small slices; false if cancelled meanwhile.
    bool waitBeforeRetry(CancelFlag cancel) const;
    // After a failed or empty feeder job: ask the device why.
    ScannerCondition conditionFromStatus(bool feeder);
    Error failWith(ScannerCondition c, ErrorCode code, std::string message);

    HttpClient& http_;
    Options options_;
    ScannerCondition condition_ = ScannerCondition::Unknown;
    int busyAnswers_ = 0;
};

}  // namespace guichet::escl
