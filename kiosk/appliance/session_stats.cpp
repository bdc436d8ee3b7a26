#include "kiosk/appliance/session_stats.hpp"

namespace guichet::appliance {

const char* outcomeName(Outcome o) {
    switch (o) {
        case Outcome::Completed: return "completed";
        case Outcome::Abandoned: return "abandoned";
        case Outcome::TimedOut: return "timed_out";
    }
    return "abandoned";
}

void SessionStats::record(const std::string& procedure, Outcome outcome, double seconds,
                          const std::set<std::string>& modes) {
    ++byProcedureOutcome[{procedure.empty() ? "none" : procedure, outcomeName(outcome)}];
    if (modes.empty()) ++byMode["standard"];
    for (const auto& m : modes) ++byMode[m];
    ++count;
    sumSeconds += seconds;
    for (std::size_t i = 0; i < kDurationBuckets.size(); ++i)
        if (seconds <= kDurationBuckets[i]) {
            ++bucketCounts[i];
            break;
        }
}

}  // namespace guichet::appliance
