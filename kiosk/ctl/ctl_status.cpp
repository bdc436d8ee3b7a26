// guichetctl status [--json] [--config FILE] [--state-dir DIR]: the terminal's health from
// outside (heartbeat, outbox read-only, devices as the terminal last saw them).
// Exit 0 healthy, 1 degraded, 2 failing — the monitoring-plugin convention; a bad
// configuration file is failing too (3 is "unknown" for the plugins: we never use it).
// guichetctl metrics [--config FILE] [--state-dir DIR]: the same facts in Prometheus's
// text format, as the terminal writes them for node_exporter.
#include <chrono>
#include <cstdio>

#include "kiosk/appliance/health.hpp"
#include "kiosk/appliance/metrics_text.hpp"
#include "kiosk/ctl/command_registry.hpp"

using namespace guichet;
using namespace guichet::appliance;

namespace {

#ifdef GUICHET_PACKAGED
const char* kDefaultConfig = "/etc/guichet/terminal.toml";
const char* kDefaultStateDir = "/var/lib/guichet";  // the service's --data
#else
const char* kDefaultConfig = "config/terminal.toml";
const char* kDefaultStateDir = "demo-data";  // scripts/demo.sh's --data
#endif

struct Options {
    bool json = false;
    std::string config = kDefaultConfig, stateDir;
};

bool parse(const ctl::Args& args, Options& o, bool allowJson) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (allowJson && args[i] == "--json") o.json = true;
        else if (args[i] == "--config" && i + 1 < args.size()) o.config = args[++i];
        else if (args[i] == "--state-dir" && i + 1 < args.size()) o.stateDir = args[++i];
        else return false;
    }
    return true;
}

// Loads what the status needs; false (message printed) when the configuration is unusable.
bool gather(const Options& o, StatusInputs& in) {
    auto terminal = loadTerminalConfig(o.config);
    if (!terminal) {
        std::fprintf(stderr, "%s\n", terminal.error().message.c_str());
        return false;
    }
    auto cfg = applianceConfigFrom(*terminal);
    if (!cfg) {
        std::fprintf(stderr, "%s\n", cfg.error().message.c_str());
        return false;
    }
    in.config = *cfg;
    if (!o.stateDir.empty()) in.config.stateDir = o.stateDir;
    if (in.config.stateDir.empty()) in.config.stateDir = kDefaultStateDir;
    auto now = std::chrono::system_clock::now();
    in.now = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    if (auto h = readHeartbeat(heartbeatPath(in.config))) in.heartbeat = *h;
    else in.heartbeatError = h.error().message;
    if (auto f = readOutboxFacts(outboxDatabasePath(in.config), nowMs)) in.outbox = *f;
    else in.outboxError = f.error().message;
    return true;
}

int runStatus(const ctl::Args& args) {
    Options o;
    if (!parse(args, o, true)) {
        std::fprintf(stderr, "usage: guichetctl status [--json] [--config FILE] [--state-dir DIR]\n");
        return 2;
    }
    StatusInputs in;
    if (!gather(o, in)) {
        if (o.json) std::printf("{\"status\": \"failing\", \"exit_code\": 2, \"error\": \"configuration\"}\n");
        return 2;
    }
    StatusReport r = assess(in);
    std::fputs((o.json ? statusJson(in, r) : statusText(in, r)).c_str(), stdout);
    return static_cast<int>(r.overall);
}

int runMetrics(const ctl::Args& args) {
    Options o;
    if (!parse(args, o, false)) {
        std::fprintf(stderr, "usage: guichetctl metrics [--config FILE] [--state-dir DIR]\n");
        return 2;
    }
    StatusInputs in;
    if (!gather(o, in)) return 1;
    if (!in.heartbeat) {
        std::fprintf(stderr, "guichetctl metrics: %s\n", in.heartbeatError.c_str());
        return 1;
    }
    std::fputs(metricsText(*in.heartbeat, in.outbox).c_str(), stdout);
    return 0;
}

}  // namespace

GUICHETCTL_COMMAND("status", "the terminal's health: exit 0 healthy, 1 degraded, 2 failing", runStatus);
GUICHETCTL_COMMAND("metrics", "the terminal's Prometheus metrics, from its heartbeat and outbox", runMetrics);
