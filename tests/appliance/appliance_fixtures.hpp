// A terminal's state folder on disk for the status and metrics tests: terminal.toml and
// outbox.toml pointing into a temporary folder, a real SQLite outbox, a heartbeat file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kiosk/appliance/heartbeat.hpp"
#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::test {

// The resident whose name must never leak into status or metrics.
inline constexpr const char* kResidentName = "Zoé Trouvé-Lemaire";

struct StateFolder {
    StateFolder();
    ~StateFolder();
    std::string dir;
    std::string terminalToml() const { return dir + "/terminal.toml"; }
    std::string database() const { return dir + "/outbox.sqlite"; }

    // A heartbeat written `ageSeconds` ago with a printer in `printerStatus`.
    void writeHeartbeat(const std::string& printerStatus, long ageSeconds = 0, bool withPrinter = true);
    // Opens (creating) the outbox and stores n submissions carrying kResidentName.
    std::unique_ptr<outbox::OutboxStore> openOutbox();
    void storeSubmissions(outbox::OutboxStore& store, int n);
    // Makes every waiting submission look `seconds` older (stored_at_ms moved back).
    void ageQueue(long seconds);
};

struct Run {
    int exitCode = -1;
    std::string out, err;
};
// Runs the real guichetctl with args.
Run runGuichetctl(const std::vector<std::string>& args);
// Runs a shell command line; stdout+stderr in out.
Run runShell(const std::string& command);

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);

}  // namespace guichet::test
