// Counters of residents' visits for the metrics: by procedure and outcome, by accessibility
// mode, and a duration histogram. Only catalogue ids and fixed words: never anything a
// resident typed.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace guichet::appliance {

enum class Outcome { Completed, Abandoned, TimedOut };
const char* outcomeName(Outcome o);  // "completed", "abandoned", "timed_out"

// Upper bounds (seconds) of the duration histogram's buckets; +Inf is implied.
inline constexpr std::array<double, 8> kDurationBuckets = {30, 60, 120, 180, 300, 600, 900, 1800};

struct SessionStats {
    std::map<std::pair<std::string, std::string>, std::uint64_t> byProcedureOutcome;  // (procedure, outcome)
    std::map<std::string, std::uint64_t> byMode;  // "standard", "large-text", "speech"…
    std::array<std::uint64_t, kDurationBuckets.size()> bucketCounts{};  // not cumulative
    std::uint64_t count = 0;
    double sumSeconds = 0;

    // procedure: a catalogue id, or "none" when the resident never opened one.
    void record(const std::string& procedure, Outcome outcome, double seconds, const std::set<std::string>& modes);
};

}  // namespace guichet::appliance
