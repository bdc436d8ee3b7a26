#include "kiosk/console/console_config.hpp"

#include <toml++/toml.h>

#include "kiosk/console/pin_gate.hpp"

namespace guichet::console {
namespace {

Error bad(const TerminalConfig& t, const toml::node& n, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument,
                     t.sourcePath + ":" + std::to_string(n.source().begin.line) + ": " + what);
}

}  // namespace

Result<ConsoleConfig> consoleConfigFrom(const TerminalConfig& t) {
    ConsoleConfig c;
    if (!t.table) return c;
    const toml::node* section = t.table->get("console");
    if (!section) return c;
    const toml::table* table = section->as_table();
    if (!table) return bad(t, *section, "[console] must be a table");
    for (auto&& [k, node] : *table) {
        const std::string key(k.str());
        if (key == "pin_hash") {
            auto v = node.value<std::string>();
            if (!v || !looksLikeArgon2idHash(*v))
                return bad(t, node, "console.pin_hash must be an argon2id hash made by `guichetctl pin hash` "
                                    "(\"$argon2id$…\"), never the PIN itself");
            c.pinHash = *v;
        } else if (key == "out_of_service_message" || key == "opening_hours") {
            auto v = node.value<std::string>();
            if (!v || v->size() > 2000) return bad(t, node, "console." + key + " must be a text (at most 2000 characters)");
            (key == "opening_hours" ? c.openingHours : c.outOfServiceMessage) = *v;
        } else if (key == "idle_seconds") {
            auto v = node.value<std::int64_t>();
            if (!v || *v < 15 || *v > 600) return bad(t, node, "console.idle_seconds must be a whole number from 15 to 600");
            c.idleSeconds = static_cast<int>(*v);
        } else {
            return bad(t, node, "unknown key console." + key +
                                    " (pin_hash, out_of_service_message, opening_hours, idle_seconds)");
        }
    }
    return c;
}

}  // namespace guichet::console
