// Idle cost of the terminal (issue 17): for each thread of the real guichet process, left on
// its home screen under Xvfb with SDL's x11 driver, the wake-ups per second (voluntary +
// involuntary context switches, /proc/<pid>/task/<tid>/status) and the CPU time
// (/proc/<pid>/task/<tid>/schedstat, nanoseconds), beside a bare SDL window that only waits
// for events (the floor). Targets: <= 1 wake-up/s in total, CPU within 2x of the floor.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_process.hpp"

extern char** environ;

namespace {

using namespace std::chrono;
using namespace guichet::bench;

struct ThreadSample {
    std::string name;
    long long switches = 0;  // voluntary + nonvoluntary
    long long cpuNs = 0;
};

std::map<int, ThreadSample> sample(pid_t pid) {
    std::map<int, ThreadSample> out;
    const std::string base = "/proc/" + std::to_string(pid) + "/task";
    std::error_code ec;
    for (const auto& t : std::filesystem::directory_iterator(base, ec)) {
        int tid = std::atoi(t.path().filename().c_str());
        ThreadSample s;
        std::ifstream comm(t.path() / "comm");
        std::getline(comm, s.name);
        std::ifstream status(t.path() / "status");
        std::string line;
        while (std::getline(status, line)) {
            if (line.rfind("voluntary_ctxt_switches:", 0) == 0) s.switches += std::stoll(line.substr(24));
            if (line.rfind("nonvoluntary_ctxt_switches:", 0) == 0) s.switches += std::stoll(line.substr(27));
        }
        std::ifstream sched(t.path() / "schedstat");
        sched >> s.cpuNs;
        out[tid] = s;
    }
    return out;
}

struct Result {
    double wakeups = 0, cpuPercent = 0;
    bool ok = false;
};

// Starts `args`, lets it settle, measures `seconds`, prints one line per thread.
Result measure(const char* label, const std::vector<std::string>& args, const std::vector<std::string>& env,
               int settleSeconds, int seconds) {
    Result r;
    pid_t pid = spawnProgram(args, kDevNull, kDevNull, env);
    if (pid < 0) {
        std::printf("%s: could not start\n", label);
        return r;
    }
    std::this_thread::sleep_for(std::chrono::seconds(settleSeconds));
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
        std::printf("%s: exited during start-up\n", label);
        return r;
    }
    auto a = sample(pid);
    auto t0 = steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    auto b = sample(pid);
    double wall = duration<double>(steady_clock::now() - t0).count();
    stopProgram(pid);
    std::printf("\n%s (%d s)\n  %-18s %10s %10s\n", label, seconds, "thread", "wake-ups/s", "CPU %");
    long long cpu = 0, sw = 0;
    for (const auto& [tid, after] : b) {
        auto it = a.find(tid);
        long long s0 = it == a.end() ? 0 : it->second.switches, c0 = it == a.end() ? 0 : it->second.cpuNs;
        long long dsw = after.switches - s0, dcpu = after.cpuNs - c0;
        sw += dsw;
        cpu += dcpu;
        std::printf("  %-18s %10.2f %10.4f\n", after.name.c_str(), dsw / wall, dcpu / 1e9 / wall * 100.0);
    }
    r.wakeups = sw / wall;
    r.cpuPercent = cpu / 1e9 / wall * 100.0;
    r.ok = true;
    std::printf("  %-18s %10.2f %10.4f\n", "TOTAL", r.wakeups, r.cpuPercent);
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    int seconds = 20;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atoi(argv[i + 1]);
    if (chdir(GUICHET_SOURCE_DIR) != 0) std::perror("chdir");  // config/ as the terminal finds it
    const std::string display = ":96";
    pid_t xvfb = spawnProgram({"Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"}, kDevNull, kDevNull, {});
    if (xvfb < 0) {
        std::printf("Xvfb not found (apt-get install xvfb): skipped\n");
        return 0;
    }
    std::this_thread::sleep_for(milliseconds(800));
    const std::vector<std::string> env = {"DISPLAY=" + display, "SDL_VIDEODRIVER=x11",
                                          "GUICHET_LOCALE_DIR=" + std::string(GUICHET_BINARY_DIR) + "/locale"};
    auto data = std::filesystem::temp_directory_path() / ("bench-idle-" + std::to_string(getpid()));
    std::printf("== idle on the home screen under Xvfb (SDL x11), per thread; target <= 1 wake-up/s in total,\n"
                "   CPU within 2x of the SDL floor (issue 17: 52 wake-ups/s with --demo before)\n");
    Result floor = measure("floor: a bare SDL window waiting for events", {FLOOR_EXE}, env, 2, seconds);
    Result plain = measure("guichet --windowed (software renderer)",
                           {GUICHET_EXE, "--windowed", "--size", "1920x1080", "--software", "--data", (data / "a").string()},
                           env, 4, seconds);
    Result demo = measure("guichet --windowed --demo (software renderer)",
                          {GUICHET_EXE, "--windowed", "--size", "1920x1080", "--software", "--demo", "--data",
                           (data / "b").string()},
                          env, 4, seconds);
    stopProgram(xvfb);
    std::filesystem::remove_all(data);
    std::printf("\n%-34s %12s %12s %14s\n", "summary", "wake-ups/s", "CPU %", "CPU vs floor");
    auto line = [&](const char* l, const Result& r) {
        if (!r.ok) return;
        std::printf("%-34s %12.2f %12.4f %13.1fx\n", l, r.wakeups, r.cpuPercent,
                    floor.cpuPercent > 0 ? r.cpuPercent / floor.cpuPercent : 0.0);
    };
    line("SDL floor", floor);
    line("guichet", plain);
    line("guichet --demo", demo);
    return 0;
}
