// The heartbeat: a small JSON file the running terminal rewrites (atomically) in its state
// folder every few seconds from its UI loop — its version, its devices' states, what the
// operator console set, its visit counters. `guichetctl status` and the metrics read it;
// a stale file means the terminal is not running (or its loop is stuck).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/appliance/session_stats.hpp"

namespace guichet::appliance {

struct DeviceReport {
    std::string kind;    // "printer", "card-reader", "scanner"
    std::string status;  // deviceStatusName(): "ready", "paper-low", "absent"…
    std::string detail;  // model or error, for the operator; never personal data
};

struct Heartbeat {
    std::string version;
    std::string terminalId;
    long pid = 0;
    std::int64_t writtenAt = 0;   // Unix seconds
    std::int64_t startedAt = 0;   // Unix seconds
    bool outOfService = false;
    std::vector<DeviceReport> devices;
    SessionStats sessions;
};

std::string heartbeatToJson(const Heartbeat& h);
// Errors name the file: "heartbeat.json: not JSON (…)".
Result<Heartbeat> heartbeatFromJson(const std::string& text, const std::string& name);
Result<Heartbeat> readHeartbeat(const std::string& path);

// Writes `text` to a temporary file next to `path`, fsyncs, then renames it over `path`:
// a reader (node_exporter, guichetctl) never sees half a file.
Result<void> writeFileAtomically(const std::string& path, const std::string& text, unsigned mode = 0640);

}  // namespace guichet::appliance
