#include "ui/integration/integration_config.hpp"

#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

#include "kiosk/devices/device_config.hpp"

namespace guichet::ui::integration {
namespace fs = std::filesystem;

namespace {

Error bad(const TerminalConfig& t, const toml::node& n, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument,
                     t.sourcePath + ":" + std::to_string(n.source().begin.line) + ": " + what);
}

// The outbox file named by [outbox] config, relative to the terminal's file; "" if none.
Result<std::string> outboxFileOf(const TerminalConfig& t) {
    if (!t.table) return std::string();
    const toml::node* section = t.table->get("outbox");
    if (!section) return std::string();
    const toml::table* table = section->as_table();
    if (!table) return bad(t, *section, "[outbox] must be a table");
    std::string file;
    for (auto&& [k, node] : *table) {
        if (k.str() != "config") return bad(t, node, "unknown key outbox." + std::string(k.str()) + " (config)");
        auto v = node.value<std::string>();
        if (!v || v->empty()) return bad(t, node, "outbox.config must be the path of the outbox's file (outbox.toml)");
        file = *v;
    }
    if (file.empty() || fs::path(file).is_absolute()) return file;
    return (fs::path(t.sourcePath).parent_path() / file).lexically_normal().string();
}

}  // namespace

std::string effectiveDataDir(const std::string& dataOption, bool demo) {
    if (!dataOption.empty()) return dataOption;
    return demo ? "demo-data" : std::string();
}

Result<OutboxSetup> outboxConfigFor(const TerminalConfig& terminal, const std::string& dataDir, bool temporaryAllowed) {
    auto file = outboxFileOf(terminal);
    if (!file) return file.error();
    OutboxSetup setup;
    if (!file->empty()) {
        auto loaded = outbox::loadOutboxConfig(*file);
        if (!loaded) return loaded.error();
        setup.config = std::move(*loaded);
        return setup;
    }
    std::string dir = dataDir;
    if (dir.empty() && !temporaryAllowed) {
        const std::string where = terminal.sourcePath.empty() ? "the terminal's configuration (--config FILE)"
                                                               : terminal.sourcePath;
        return makeError(ErrorCode::InvalidArgument,
                         where + ": no --data folder and no [outbox] config: the demands would be kept in a "
                                 "temporary folder and lost at exit; give --data DIR (e.g. /var/lib/guichet) or "
                                 "[outbox] config = \"outbox.toml\"");
    }
    if (dir.empty()) {
        std::string pattern = (fs::temp_directory_path() / "guichet-run-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            return makeError(ErrorCode::Io, pattern + ": cannot create a temporary data folder (give --data DIR)");
        dir = setup.temporaryDir = pattern;
    }
    setup.config.database = (fs::path(dir) / "outbox.sqlite").string();
    setup.config.directory = outbox::DirectoryConfig{(fs::path(dir) / "spool").string()};
    // The catalogue names each procedure's back office (open311, w.c.s.…); none is
    // configured here, so the spool takes them all rather than queueing them forever.
    setup.forcedConnector = "directory";
    return setup;
}

Result<DeviceManagerConfig> printerConfigFor(const TerminalConfig& terminal, const std::string& dataDir, bool demo) {
    DeviceManagerConfig c;
    if (terminal.table) {
        auto parsed = deviceConfigFromToml(*terminal.table, terminal.sourcePath);
        if (!parsed) return parsed.error();
        c = std::move(*parsed);
    }
    if (demo) c.demo = true;
    if (c.demo && c.receiptPngDir.empty()) c.receiptPngDir = (fs::path(dataDir) / "receipts").string();
    return c;
}

}  // namespace guichet::ui::integration
