// What the benches that run the real programs share (bench/startup, bench/idle, bench/ui):
// start a program with extra environment and its output where asked, stop it, and the small
// statistics and context (median, wall clock, load average) printed beside each figure.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace guichet::bench {

// Where a started program's stdout or stderr goes: kept (kInherit), thrown away (kDevNull),
// or any open file descriptor (a pipe the bench reads).
inline constexpr int kInherit = -1;
inline constexpr int kDevNull = -2;

// Starts args[0] (searched in PATH) with this environment plus extraEnv; -1 if it cannot.
pid_t spawnProgram(const std::vector<std::string>& args, int stdoutFd, int stderrFd,
                   const std::vector<std::string>& extraEnv);
// SIGTERM, then SIGKILL if it has not exited within `grace`; always reaped.
void stopProgram(pid_t pid, std::chrono::milliseconds grace = std::chrono::seconds(2));

double median(std::vector<double> v);
long long realtimeNs();   // CLOCK_REALTIME: compared with what the programs print
std::string loadAverage();  // "1.02 0.98 0.75": the machine is shared, say how busy it was

}  // namespace guichet::bench
