// Small helpers of the outbox benchmark: timing, medians, peak memory, test data.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kiosk/submission/submission.hpp"

namespace guichet::bench {

double seconds(std::chrono::steady_clock::time_point since);
double median(std::vector<double> v);
long peakRssKb();     // VmHWM of this process
long currentRssKb();  // VmRSS
Bytes randomBytes(std::size_t n);
// A submission with ~payloadBytes of answers and one attachment of attachmentBytes.
Submission benchSubmission(std::size_t payloadBytes, std::size_t attachmentBytes, const std::string& connector);

}  // namespace guichet::bench
