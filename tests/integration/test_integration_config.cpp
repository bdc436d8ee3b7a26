// How the terminal's file leads to the outbox and printer settings (ui/integration):
// the shipped files, the defaults under --data, and mistakes reported as file:line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "ui/integration/integration_config.hpp"

using namespace guichet;
using namespace guichet::ui::integration;
namespace fs = std::filesystem;

namespace {

TerminalConfig terminalFrom(const std::string& text, const std::string& name = "terminal.toml") {
    auto r = parseTerminalConfig(text, name);
    REQUIRE(r);
    return *r;
}

}  // namespace

TEST_CASE("integration.shipped terminal.toml points to the shipped outbox.toml", "[integration]") {
    auto t = loadTerminalConfig(std::string(GUICHET_SOURCE_DIR) + "/config/terminal.toml");
    REQUIRE(t);
    auto outbox = outboxConfigFor(*t, "/unused");
    REQUIRE(outbox);
    CHECK(outbox->config.database == "/var/lib/guichet/outbox.sqlite");  // from config/outbox.toml
    CHECK(outbox->config.directory);
    CHECK(outbox->forcedConnector.empty());  // the catalogue and [routes] decide
    auto printer = printerConfigFor(*t, "/unused", false);
    REQUIRE(printer);
    CHECK_FALSE(printer->demo);
    CHECK(printer->printer.retryInterval == std::chrono::milliseconds(2000));
}

TEST_CASE("integration.without an outbox file everything lives under --data", "[integration]") {
    auto outbox = outboxConfigFor(TerminalConfig::defaults(), "/tmp/borne");
    REQUIRE(outbox);
    CHECK(outbox->config.database == "/tmp/borne/outbox.sqlite");
    CHECK(outbox->config.effectiveKeyFile() == "/tmp/borne/outbox.sqlite.key");
    REQUIRE(outbox->config.directory);
    CHECK(outbox->config.directory->path == "/tmp/borne/spool");
    CHECK(outbox->forcedConnector == "directory");

    CHECK(effectiveDataDir("", true) == "demo-data");
    CHECK(effectiveDataDir("", false).empty());
    CHECK(effectiveDataDir("/srv/x", true) == "/srv/x");
}

TEST_CASE("integration.a bare run keeps its outbox in a temporary folder", "[integration]") {
    // A real terminal without --data nor [outbox] is refused (its demands would vanish at
    // exit); only headless runs may use a temporary folder, and they say so.
    auto refused = outboxConfigFor(TerminalConfig::defaults(), "");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("--data") != std::string::npos);
    auto outbox = outboxConfigFor(TerminalConfig::defaults(), "", true);
    REQUIRE(outbox);
    REQUIRE_FALSE(outbox->temporaryDir.empty());
    CHECK(fs::is_directory(outbox->temporaryDir));
    CHECK(outbox->config.database == (fs::path(outbox->temporaryDir) / "outbox.sqlite").string());
    CHECK(outbox->forcedConnector == "directory");
    auto other = outboxConfigFor(TerminalConfig::defaults(), "", true);
    REQUIRE(other);
    CHECK(other->temporaryDir != outbox->temporaryDir);  // parallel runs never share a queue
    fs::remove_all(outbox->temporaryDir);
    fs::remove_all(other->temporaryDir);
}

TEST_CASE("integration.--demo forces the emulated printer and its receipts folder", "[integration]") {
    auto usb = terminalFrom("[printer]\nmode = \"usb\"\n");
    auto demo = printerConfigFor(usb, "/tmp/borne", true);
    REQUIRE(demo);
    CHECK(demo->demo);
    CHECK(demo->receiptPngDir == "/tmp/borne/receipts");
    auto real = printerConfigFor(usb, "/tmp/borne", false);
    REQUIRE(real);
    CHECK_FALSE(real->demo);
    CHECK(real->receiptPngDir.empty());
    auto chosen = printerConfigFor(terminalFrom("[printer]\nmode = \"demo\"\nreceipts_png = \"/r\"\n"), "/d", false);
    REQUIRE(chosen);
    CHECK(chosen->demo);
    CHECK(chosen->receiptPngDir == "/r");
}

TEST_CASE("integration.outbox file is relative to the terminal's file", "[integration]") {
    fs::path dir = fs::temp_directory_path() / "guichet-integration-config";
    fs::remove_all(dir);
    fs::create_directories(dir / "etc");
    std::ofstream(dir / "etc/outbox.toml") << "[outbox]\ndatabase = \"queue.sqlite\"\n";
    std::ofstream(dir / "etc/terminal.toml") << "[terminal]\nid = \"b\"\n\n[outbox]\nconfig = \"outbox.toml\"\n";
    auto t = loadTerminalConfig((dir / "etc/terminal.toml").string());
    REQUIRE(t);
    auto outbox = outboxConfigFor(*t, "/elsewhere");
    REQUIRE(outbox);
    CHECK(fs::path(outbox->config.database).lexically_normal() == (dir / "etc/queue.sqlite").lexically_normal());
    fs::remove_all(dir);
}

TEST_CASE("integration.mistakes name the file and line", "[integration]") {
    auto typo = outboxConfigFor(terminalFrom("[terminal]\nid = \"b\"\n\n[outbox]\nconfg = \"outbox.toml\"\n"), "/d");
    REQUIRE_FALSE(typo);
    CHECK(typo.error().message == "terminal.toml:5: unknown key outbox.confg (config)");
    auto notTable = outboxConfigFor(terminalFrom("outbox = 3\n"), "/d");
    REQUIRE_FALSE(notTable);
    CHECK(notTable.error().message == "terminal.toml:1: [outbox] must be a table");
    auto missing = outboxConfigFor(terminalFrom("[outbox]\nconfig = \"/nonexistent/outbox.toml\"\n"), "/d");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("/nonexistent/outbox.toml") == 0);
    auto badPrinter = printerConfigFor(terminalFrom("[printer]\nmode = \"wifi\"\n"), "/d", true);
    REQUIRE_FALSE(badPrinter);
    CHECK(badPrinter.error().message == "terminal.toml:2: printer.mode must be \"usb\" or \"demo\"");
}
