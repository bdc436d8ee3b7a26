// The scanner's own account of itself (GET /eSCL/ScannerStatus): overall state, the
// feeder's state (empty, jammed...), and the jobs it remembers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

namespace guichet::escl {

enum class ScannerState { Idle, Processing, Testing, Stopped, Down, Unknown };

enum class AdfState { Absent, Loaded, Empty, Jam, Processing, HatchOpen, Other };

struct JobInfo {
    std::string uri;        // "/eSCL/ScanJobs/1005"
    std::string state;      // "Processing", "Completed", "Aborted", "Canceled"
    std::vector<std::string> reasons;
    int imagesCompleted = 0;
};

struct ScannerStatus {
    ScannerState state = ScannerState::Unknown;
    AdfState adf = AdfState::Absent;
    std::string adfStateText;  // the raw value, for the operator
    std::vector<JobInfo> jobs;

    const JobInfo* job(std::string_view uriOrPath) const;
};

Result<ScannerStatus> parseScannerStatus(std::string_view xml);
const char* scannerStateName(ScannerState s);
const char* adfStateName(AdfState s);

}  // namespace guichet::escl
