// The [appliance] table of terminal.toml: where the running terminal leaves its heartbeat
// and its Prometheus metrics, and the thresholds `guichetctl status` judges them by.
#pragma once

#include <string>

#include "drivers/common/result.hpp"
#include "kiosk/config/terminal_config.hpp"

namespace guichet::appliance {

struct ApplianceConfig {
    std::string stateDir;            // heartbeat.json lives here; "" = the terminal's --data folder
    std::string metricsFile;         // node_exporter textfile; "" = no metrics file
    int heartbeatSeconds = 15;       // heartbeat and metrics refresh period
    int staleSeconds = 60;           // an older heartbeat: the terminal is not running
    int queueDegradedSeconds = 3600; // oldest queued demand older than this: degraded
    std::string outboxDatabase;      // resolved from [outbox] config; "" = <stateDir>/outbox.sqlite
};

// Reads [appliance] (all keys optional) and resolves the outbox database the same way the
// terminal does. Errors: "terminal.toml:LINE: what is wrong".
Result<ApplianceConfig> applianceConfigFrom(const TerminalConfig& terminal);

std::string heartbeatPath(const ApplianceConfig& c);  // <stateDir>/heartbeat.json
std::string outboxDatabasePath(const ApplianceConfig& c);

}  // namespace guichet::appliance
