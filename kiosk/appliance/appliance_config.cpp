#include "kiosk/appliance/appliance_config.hpp"

#include <filesystem>

#include <toml++/toml.h>

#include "kiosk/outbox/outbox_config.hpp"

namespace guichet::appliance {
namespace fs = std::filesystem;

namespace {

Error bad(const TerminalConfig& t, const toml::node& n, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument,
                     t.sourcePath + ":" + std::to_string(n.source().begin.line) + ": " + what);
}

std::string relativeToFile(const TerminalConfig& t, const std::string& p) {
    if (p.empty() || fs::path(p).is_absolute() || t.sourcePath.empty()) return p;
    return (fs::path(t.sourcePath).parent_path() / p).lexically_normal().string();
}

Result<void> readInt(const TerminalConfig& t, const toml::node& n, const std::string& key, int lo, int hi, int& out) {
    auto v = n.value<std::int64_t>();
    if (!v || *v < lo || *v > hi)
        return bad(t, n, "appliance." + key + " must be a whole number from " + std::to_string(lo) + " to " +
                             std::to_string(hi));
    out = static_cast<int>(*v);
    return {};
}

}  // namespace

Result<ApplianceConfig> applianceConfigFrom(const TerminalConfig& t) {
    ApplianceConfig c;
    if (!t.table) return c;
    if (const toml::node* section = t.table->get("appliance")) {
        const toml::table* table = section->as_table();
        if (!table) return bad(t, *section, "[appliance] must be a table");
        for (auto&& [k, node] : *table) {
            const std::string key(k.str());
            if (key == "state_dir" || key == "metrics_file") {
                auto v = node.value<std::string>();
                if (!v || v->empty()) return bad(t, node, "appliance." + key + " must be a path");
                (key == "state_dir" ? c.stateDir : c.metricsFile) = relativeToFile(t, *v);
            } else if (key == "heartbeat_seconds") {
                if (auto r = readInt(t, node, key, 1, 3600, c.heartbeatSeconds); !r) return r.error();
            } else if (key == "stale_seconds") {
                if (auto r = readInt(t, node, key, 5, 86400, c.staleSeconds); !r) return r.error();
            } else if (key == "queue_degraded_seconds") {
                if (auto r = readInt(t, node, key, 60, 30 * 86400, c.queueDegradedSeconds); !r) return r.error();
            } else {
                return bad(t, node, "unknown key appliance." + key +
                                        " (state_dir, metrics_file, heartbeat_seconds, stale_seconds, "
                                        "queue_degraded_seconds)");
            }
        }
        if (c.staleSeconds <= c.heartbeatSeconds)
            return bad(t, *section, "appliance.stale_seconds must be longer than heartbeat_seconds");
    }
    if (const toml::node* out = t.table->get("outbox")) {
        if (const toml::table* table = out->as_table())
            if (auto file = (*table)["config"].value<std::string>()) {
                auto loaded = outbox::loadOutboxConfig(relativeToFile(t, *file));
                if (!loaded) return loaded.error();
                c.outboxDatabase = loaded->database;
            }
    }
    return c;
}

std::string heartbeatPath(const ApplianceConfig& c) {
    return (fs::path(c.stateDir.empty() ? "." : c.stateDir) / "heartbeat.json").string();
}

std::string outboxDatabasePath(const ApplianceConfig& c) {
    if (!c.outboxDatabase.empty()) return c.outboxDatabase;
    return (fs::path(c.stateDir.empty() ? "." : c.stateDir) / "outbox.sqlite").string();
}

}  // namespace guichet::appliance
