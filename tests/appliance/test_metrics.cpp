// The metrics as node_exporter's textfile collector reads them: promtool accepts them,
// every family the alert rules use is there, and the alert rules themselves load.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "kiosk/appliance/metrics_text.hpp"
#include "kiosk/appliance/status_writer.hpp"
#include "tests/appliance/appliance_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;

namespace {

std::string promtool() {
    std::string p = PROMTOOL;
    if (p.empty() || p.find("NOTFOUND") != std::string::npos)
        FAIL("promtool not found: scripts/install-deps.sh installs the 'prometheus' package");
    return p;
}

}  // namespace

TEST_CASE("appliance.metrics_pass_promtool", "[appliance]") {
    StateFolder f;
    auto store = f.openOutbox();
    f.storeSubmissions(*store, 2);
    // One sent through the real uploader-side API, so a last-upload time exists.
    auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch()).count();
    auto claimed = store->claimNext("directory", nowMs);
    REQUIRE(claimed);
    REQUIRE(claimed->has_value());
    REQUIRE(store->markSent((*claimed)->id, "", "", nowMs, 0));
    f.writeHeartbeat("paper-low");
    Run m = runGuichetctl({"metrics", "--config", f.terminalToml()});
    INFO(m.err);
    REQUIRE(m.exitCode == 0);
    writeFile(f.dir + "/guichet.prom", m.out);
    Run check = runShell(promtool() + " check metrics < " + f.dir + "/guichet.prom");
    INFO(m.out << "\npromtool: " << check.out);
    CHECK(check.exitCode == 0);
    CHECK(check.out.empty());  // no lint remark either
    for (const char* family : {"guichet_build_info{version=\"0.1+test\"} 1", "guichet_submissions{state=\"queued\"} 1",
                               "guichet_submissions{state=\"sent\"} 1", "guichet_last_upload_timestamp_seconds{connector=\"directory\"}",
                               "guichet_printer_paper{state=\"low\"} 1", "guichet_device_up{device=\"printer\"} 1",
                               "guichet_sessions_total{procedure=\"acte-naissance\",outcome=\"completed\"} 1",
                               "guichet_sessions_total{procedure=\"none\",outcome=\"timed_out\"} 1",
                               "guichet_sessions_by_mode_total{mode=\"speech\"} 1",
                               "guichet_session_duration_seconds_bucket{le=\"120\"} 2",
                               "guichet_session_duration_seconds_count 3", "guichet_oldest_queued_age_seconds"})
        CHECK(m.out.find(family) != std::string::npos);
}

TEST_CASE("appliance.metrics_without_outbox_still_valid", "[appliance]") {
    appliance::Heartbeat h;
    h.version = "0.1\"\n}evil";  // a hostile version string cannot break the format
    h.devices.push_back({"printer", "absent", ""});
    std::string text = appliance::metricsText(h, std::nullopt);
    CHECK(text.find("guichet_outbox_readable 0") != std::string::npos);
    CHECK(text.find("guichet_device_up{device=\"printer\"} 0") != std::string::npos);
    StateFolder f;
    writeFile(f.dir + "/m.prom", text);
    Run check = runShell(promtool() + " check metrics < " + f.dir + "/m.prom");
    INFO(text << "\npromtool: " << check.out);
    CHECK(check.exitCode == 0);
}

TEST_CASE("appliance.status_writer_writes_atomically", "[appliance]") {
    StateFolder f;
    auto store = f.openOutbox();
    f.storeSubmissions(*store, 1);
    appliance::ApplianceConfig cfg;
    cfg.stateDir = f.dir;
    cfg.metricsFile = f.dir + "/guichet.prom";
    cfg.outboxDatabase = f.database();
    {
        appliance::StatusWriter w(cfg);
        for (int i = 0; i < 20; ++i) {
            appliance::Heartbeat h;
            h.version = "v" + std::to_string(i);
            h.writtenAt = 1000 + i;
            w.submit(h);
        }
        w.flush();
    }
    auto hb = appliance::readHeartbeat(f.dir + "/heartbeat.json");
    REQUIRE(hb);
    CHECK(hb->version == "v19");  // the last snapshot wins; older ones may be skipped
    std::string metrics = readFile(cfg.metricsFile);
    CHECK(metrics.find("guichet_build_info{version=\"v19\"} 1") != std::string::npos);
    CHECK(metrics.find("guichet_submissions{state=\"queued\"} 1") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(cfg.metricsFile + ".tmp"));
    CHECK((std::filesystem::status(cfg.metricsFile).permissions() & std::filesystem::perms::others_read) !=
          std::filesystem::perms::none);  // node_exporter reads it
}

TEST_CASE("appliance.status_writer_reports_unwritable_folder", "[appliance]") {
    appliance::ApplianceConfig cfg;
    cfg.stateDir = "/nonexistent/guichet";
    appliance::StatusWriter w(cfg);
    appliance::Heartbeat h;
    w.submit(h);
    w.flush();  // logged, no crash, no hang
    CHECK_FALSE(std::filesystem::exists("/nonexistent/guichet/heartbeat.json"));
}

TEST_CASE("appliance.alert_rules_pass_promtool", "[appliance]") {
    Run check = runShell(promtool() + " check rules " + std::string(GUICHET_SOURCE_DIR) +
                         "/packaging/prometheus/guichet-alerts.yml");
    INFO(check.out);
    CHECK(check.exitCode == 0);
    CHECK(check.out.find("SUCCESS: 6 rules found") != std::string::npos);
}
