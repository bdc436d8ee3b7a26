// The terminal's Prometheus metrics in the text exposition format, for node_exporter's
// textfile collector. Label values are catalogue ids, device kinds, connector names and
// fixed words only: nothing a resident typed ever becomes a label.
#pragma once

#include <optional>
#include <string>

#include "kiosk/appliance/heartbeat.hpp"
#include "kiosk/appliance/outbox_facts.hpp"

namespace guichet::appliance {

// outbox: nullopt when the database could not be read (guichet_outbox_readable 0).
std::string metricsText(const Heartbeat& heartbeat, const std::optional<OutboxFacts>& outbox);

}  // namespace guichet::appliance
