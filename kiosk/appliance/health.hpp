// The terminal's health judged from outside (guichetctl status, the console's summary):
// healthy, degraded (still serving residents, someone should look) or failing (residents
// cannot be served, or nobody can tell). Exit codes follow the monitoring-plugin
// convention (0, 1, 2) so Nagios, Icinga or Zabbix can call `guichetctl status` as is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/appliance/appliance_config.hpp"
#include "kiosk/appliance/heartbeat.hpp"
#include "kiosk/appliance/outbox_facts.hpp"

namespace guichet::appliance {

enum class Health { Healthy = 0, Degraded = 1, Failing = 2 };
const char* healthName(Health h);        // "healthy", "degraded", "failing"
const char* healthFrench(Health h);      // "OK", "À SURVEILLER", "EN PANNE"

struct Finding {
    Health level;
    std::string code;     // stable, for scripts: "paper-low", "terminal-not-running"…
    std::string message;  // plain French for the person at the desk
};

struct StatusInputs {
    ApplianceConfig config;
    std::optional<Heartbeat> heartbeat;
    std::string heartbeatError;        // why there is none
    std::optional<OutboxFacts> outbox;
    std::string outboxError;           // why it could not be read
    std::int64_t now = 0;              // Unix seconds
};

struct StatusReport {
    Health overall = Health::Healthy;
    std::vector<Finding> findings;
};

StatusReport assess(const StatusInputs& in);

// The report as guichetctl prints it: plain text, or JSON (no personal data in either).
std::string statusText(const StatusInputs& in, const StatusReport& r);
std::string statusJson(const StatusInputs& in, const StatusReport& r);

}  // namespace guichet::appliance
