// Start-up timing (issue 17): how long after the process started each phase ends, measured
// from the kernel's start time of the process (/proc/self/stat, 10 ms ticks of CLOCK_BOOTTIME)
// so that the dynamic loader is counted, and between phases with a precise clock.
// GUICHET_STARTUP_TRACE=1 prints each phase to stderr; --report-first-frame prints the total.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

namespace guichet::ui {

// ms from the process's start (as the kernel recorded it) to now, on CLOCK_BOOTTIME.
inline double msSinceProcessStart() {
    std::ifstream stat("/proc/self/stat");
    std::string line;
    std::getline(stat, line);
    auto rp = line.rfind(')');
    if (rp == std::string::npos) return -1;
    std::istringstream rest(line.substr(rp + 2));
    std::string field;
    long long startTicks = -1;
    for (int i = 3; rest >> field; ++i)  // fields counted from 1: state is the 3rd, starttime the 22nd
        if (i == 22) {
            startTicks = std::stoll(field);
            break;
        }
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    double nowMs = now.tv_sec * 1e3 + now.tv_nsec / 1e6;
    return startTicks < 0 ? -1 : nowMs - startTicks * 1e3 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU time used so far by every thread of the process, in ms: on a loaded machine the wall
// time grows with the others' work; this does much less.
inline double processCpuMs() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

inline void tracePhase(const char* phase) {
    static const bool on = [] {
        const char* v = std::getenv("GUICHET_STARTUP_TRACE");
        return v && *v && std::string(v) != "0";
    }();
    if (on)
        std::fprintf(stderr, "startup: %-28s %7.1f ms after process start, %7.1f ms of CPU\n", phase,
                     msSinceProcessStart(), processCpuMs());
}

}  // namespace guichet::ui
