// guichetctl status against real set-ups: exit 0 healthy, 1 degraded, 2 failing (the
// monitoring-plugin convention), JSON that says why, and no personal data in either form.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/appliance/appliance_fixtures.hpp"

using namespace guichet::test;

namespace {

Run status(const StateFolder& f, bool json) {
    std::vector<std::string> args = {"status", "--config", f.terminalToml()};
    if (json) args.push_back("--json");
    return runGuichetctl(args);
}

std::vector<std::string> codes(const Run& r) {
    std::vector<std::string> out;
    const auto j = nlohmann::json::parse(r.out);  // named: a temporary would die before the loop
    for (const auto& x : j["findings"]) out.push_back(x["code"].get<std::string>());
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("appliance.status_healthy", "[appliance]") {
    StateFolder f;
    auto store = f.openOutbox();
    f.storeSubmissions(*store, 2);  // two fresh demands waiting: normal
    f.writeHeartbeat("ready");
    Run r = status(f, true);
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["status"] == "healthy");
    CHECK(j["outbox"]["waiting"] == 2);
    CHECK(j["terminal"]["version"] == "0.1+test");
    Run text = status(f, false);
    CHECK(text.exitCode == 0);
    CHECK(text.out.find("Borne : OK") != std::string::npos);
    CHECK(text.out.find("2 en attente") != std::string::npos);
}

TEST_CASE("appliance.status_degraded_paper_low_and_old_queue", "[appliance]") {
    StateFolder f;
    auto store = f.openOutbox();
    f.storeSubmissions(*store, 1);
    store.reset();
    f.ageQueue(2 * 3600);
    f.writeHeartbeat("paper-low");
    Run r = status(f, true);
    INFO(r.out << r.err);
    CHECK(r.exitCode == 1);
    auto c = codes(r);
    CHECK(has(c, "paper-low"));
    CHECK(has(c, "queue-old"));
    CHECK(nlohmann::json::parse(r.out)["outbox"]["oldest_queued_age_seconds"].get<long>() >= 7200);
}

TEST_CASE("appliance.status_failing", "[appliance]") {
    StateFolder f;
    auto store = f.openOutbox();
    store.reset();
    SECTION("terminal not running: no heartbeat") {
        Run r = status(f, true);
        CHECK(r.exitCode == 2);
        CHECK(has(codes(r), "terminal-not-running"));
    }
    SECTION("terminal not running: heartbeat stale (frozen loop)") {
        f.writeHeartbeat("ready", 300);
        Run r = status(f, true);
        CHECK(r.exitCode == 2);
        CHECK(has(codes(r), "terminal-not-running"));
    }
    SECTION("no printer") {
        f.writeHeartbeat("ready", 0, false);
        Run r = status(f, true);
        CHECK(r.exitCode == 2);
        CHECK(has(codes(r), "printer-absent"));
    }
    SECTION("printer out of paper") {
        f.writeHeartbeat("paper-out");
        Run r = status(f, false);
        CHECK(r.exitCode == 2);
        CHECK(r.out.find("plus de papier") != std::string::npos);
    }
    SECTION("database refused: not a database") {
        f.writeHeartbeat("ready");
        writeFile(f.database(), "this is not a SQLite database, it is a text file of the right name\n");
        std::remove((f.database() + "-wal").c_str());
        std::remove((f.database() + "-shm").c_str());
        Run r = status(f, true);
        INFO(r.out << r.err);
        CHECK(r.exitCode == 2);
        CHECK(has(codes(r), "outbox-refused"));
    }
    SECTION("database missing") {
        f.writeHeartbeat("ready");
        std::remove(f.database().c_str());
        Run r = status(f, true);
        CHECK(r.exitCode == 2);
        CHECK(has(codes(r), "outbox-refused"));
    }
}

TEST_CASE("appliance.status_bad_configuration", "[appliance]") {
    StateFolder f;
    writeFile(f.terminalToml(), "[appliance]\nheartbeat_seconds = \"often\"\n");
    Run r = status(f, false);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("terminal.toml:2:") != std::string::npos);  // file:line for the operator
    Run usage = runGuichetctl({"status", "--frobnicate"});
    CHECK(usage.exitCode == 2);
    CHECK(usage.err.find("usage:") != std::string::npos);
}

TEST_CASE("appliance.status_reads_without_writing", "[appliance]") {
    StateFolder f;
    auto store = f.openOutbox();
    f.storeSubmissions(*store, 1);
    store.reset();
    f.writeHeartbeat("ready");
    auto before = readFile(f.database());
    Run r = status(f, true);
    CHECK(r.exitCode == 0);
    CHECK(readFile(f.database()) == before);
}

TEST_CASE("appliance.status_and_metrics_hold_no_personal_data", "[appliance]") {
    StateFolder f;
    auto store = f.openOutbox();
    f.storeSubmissions(*store, 3);
    f.writeHeartbeat("ready");
    for (bool json : {false, true}) {
        Run r = status(f, json);
        CHECK(r.out.find(kResidentName) == std::string::npos);
        CHECK(r.out.find("Trouvé") == std::string::npos);
    }
    Run m = runGuichetctl({"metrics", "--config", f.terminalToml()});
    CHECK(m.exitCode == 0);
    CHECK(m.out.find("Trouvé") == std::string::npos);
    CHECK(readFile(f.dir + "/heartbeat.json").find("Trouvé") == std::string::npos);
}
