// guichetctl outbox as the operator uses it: text and --json output, exit codes, errors.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <filesystem>
#include <fstream>

#include "tests/outbox/ctl_runner.hpp"
#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::test;
using nlohmann::json;

TEST_CASE("outbox.ctl enqueue, list, show, stats, send, purge with --json") {
    TempDir dir;
    std::filesystem::create_directory(dir / "depot");
    std::ofstream(dir / "c.toml") << "[outbox]\ndatabase = \"o.sqlite\"\nretention_days = 0\n"
                                     "[connectors.directory]\npath = \"depot\"\n";
    std::ofstream(dir / "s.json") << R"({"procedure":{"id":"acte-naissance"},"connector":"directory",
        "answers":{"nom":"Martin","date":"1990-05-04"}})";
    std::ofstream(dir / "piece.pdf") << "%PDF-1.4 fake";
    const std::string cfg = dir / "c.toml";
    std::string out, err;

    REQUIRE(runCtl({"outbox", "enqueue", "--config", cfg, "--file", dir / "s.json", "--attach", dir / "piece.pdf", "--json"}, out) == 0);
    auto enq = json::parse(out);
    const std::string uuid = enq["uuid"];
    CHECK(uuid.size() == 36);
    CHECK(enq["reference"].get<std::string>().rfind("GU-", 0) == 0);

    REQUIRE(runCtl({"outbox", "list", "--config", cfg, "--state", "queued", "--json"}, out) == 0);
    auto list = json::parse(out);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["uuid"] == uuid);
    CHECK(list[0]["attachment_bytes"] == 13);
    CHECK(out.find("Martin") == std::string::npos);  // no personal data in operator listings

    REQUIRE(runCtl({"outbox", "stats", "--config", cfg, "--json"}, out) == 0);
    CHECK(json::parse(out)["by_state"]["queued"] == 1);

    REQUIRE(runCtl({"outbox", "send", "--once", "--config", cfg, "--json"}, out) == 0);
    CHECK(json::parse(out)["sent"] == 1);
    CHECK(std::filesystem::exists(dir / ("depot/" + uuid + "/submission.json")));
    CHECK(readWholeFile(dir / ("depot/" + uuid + "/1-piece.pdf")) == "%PDF-1.4 fake");

    REQUIRE(runCtl({"outbox", "show", uuid, "--config", cfg}, out) == 0);
    CHECK(out.find("state       sent") != std::string::npos);
    REQUIRE(runCtl({"outbox", "show", uuid, "--config", cfg, "--json"}, out) == 0);
    CHECK(json::parse(out)["attempts_log"][0]["outcome"] == "sent");

    REQUIRE(runCtl({"outbox", "purge", "--config", cfg, "--json"}, out) == 0);  // retention 0 days
    CHECK(json::parse(out)["purged"] == 1);
    REQUIRE(runCtl({"outbox", "show", uuid, "--config", cfg, "--json"}, out) == 0);
    CHECK(json::parse(out)["purged_at_ms"] > 0);

    CHECK(runCtl({"outbox", "retry", uuid, "--config", cfg}, out, &err) == 1);  // sent: nothing to retry
    CHECK(runCtl({"outbox", "frobnicate", "--config", cfg}, out) == 2);
    CHECK(runCtl({"outbox", "send", "--config", cfg}, out) == 2);  // --once or --follow
}

TEST_CASE("outbox.ctl reports configuration mistakes as file:line and a corrupt database as an alert") {
    TempDir dir;
    std::ofstream(dir / "bad.toml") << "[outbox]\ndatabase = \"o.sqlite\"\nretention_days = -4\n";
    std::string out, err;
    CHECK(runCtl({"outbox", "stats", "--config", dir / "bad.toml"}, out, &err) == 1);
    CHECK(err.find(dir / "bad.toml:3:") != std::string::npos);

    std::ofstream(dir / "broken.sqlite") << std::string(8192, 'z');
    CHECK(runCtl({"outbox", "stats", "--db", dir / "broken.sqlite"}, out, &err) == 1);
    CHECK(err.find("OPERATOR ALERT") != std::string::npos);
    CHECK(runCtl({"outbox", "enqueue", "--db", dir / "broken.sqlite", "--file", "/dev/null"}, out, &err) == 1);
    CHECK(err.find("corrupt") != std::string::npos);
    CHECK(runCtl({"outbox", "ack-corrupt", "--db", dir / "broken.sqlite"}, out) == 0);
    CHECK(runCtl({"outbox", "stats", "--db", dir / "broken.sqlite", "--json"}, out) == 0);
    CHECK(json::parse(out)["by_state"]["queued"] == 0);
}

TEST_CASE("outbox.ctl send --follow delivers what is enqueued meanwhile and stops cleanly on SIGTERM") {
    TempDir dir;
    std::filesystem::create_directory(dir / "depot");
    std::ofstream(dir / "c.toml") << "[outbox]\ndatabase = \"o.sqlite\"\n[connectors.directory]\npath = \"depot\"\n";
    std::ofstream(dir / "s.json") << R"({"procedure":{"id":"rdv"},"connector":"directory","answers":{"jour":"lundi"}})";
    const std::string cfg = dir / "c.toml";
    std::string out;
    REQUIRE(runCtl({"outbox", "stats", "--config", cfg}, out) == 0);  // creates the outbox
    pid_t follower = spawnCtl({"outbox", "send", "--follow", "--config", cfg}, dir / "follow.out", dir / "follow.err");
    REQUIRE(follower > 0);
    REQUIRE(runCtl({"outbox", "enqueue", "--config", cfg, "--file", dir / "s.json"}, out) == 0);
    const std::string uuid = out.substr(0, 36);
    // Another process stored it: no wake-up reaches the follower, its idle poll (1 s) does.
    bool delivered = false;
    for (int i = 0; i < 150 && !delivered; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        delivered = std::filesystem::exists(dir / ("depot/" + uuid + "/submission.json"));
    }
    ::kill(follower, SIGTERM);
    CHECK(waitExit(follower) == 0);
    CHECK(delivered);
    CHECK(readWholeFile(dir / "follow.out").find("sent 1") != std::string::npos);
    // A second sender on the same database is refused while one runs.
    pid_t first = spawnCtl({"outbox", "send", "--follow", "--config", cfg});
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::string err;
    CHECK(runCtl({"outbox", "send", "--once", "--config", cfg}, out, &err) == 1);
    CHECK(err.find("another process is already sending") != std::string::npos);
    ::kill(first, SIGTERM);
    CHECK(waitExit(first) == 0);
}
