// With the real binaries: the software TPE (guichetctl pay emulate) approves, and the paying
// process (guichetctl pay --db) is killed with SIGKILL between the approval and the commit
// of its outcome. The intent is left open, reported "à vérifier" at the next start and by
// `guichetctl pay list`, and nothing ever asks the TPE again: the bank saw one debit.
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/outbox/ctl_runner.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::test;
using namespace std::chrono_literals;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int lines(const std::string& path) {
    int n = 0;
    std::ifstream in(path);
    for (std::string l; std::getline(in, l);) ++n;
    return n;
}

// Starts the software TPE and returns its port (read from its first output line).
int startEmulator(pid_t& pid, const TempDir& dir, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"pay", "emulate", "--port", "0", "--journal", dir / "debits.txt", "--delay-ms", "50"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid = spawnCtl(args, dir / "emulator.out", dir / "emulator.err");
    REQUIRE(pid > 0);
    for (int i = 0; i < 200; ++i) {
        const std::string out = slurp(dir / "emulator.out");
        if (auto at = out.find("127.0.0.1:"); at != std::string::npos) return std::stoi(out.substr(at + 10));
        std::this_thread::sleep_for(20ms);
    }
    FAIL("the software TPE did not start");
    return 0;
}

}  // namespace

TEST_CASE("payment.crash_between_approval_and_commit_leaves_an_intent_to_check", "[payment]") {
    TempDir dir;
    pid_t emulator = -1;
    const int port = startEmulator(emulator, dir, {});
    const std::string db = dir / "outbox.sqlite";
    const std::string device = "tcp://127.0.0.1:" + std::to_string(port);

    ::setenv("GUICHET_FAILPOINT_PAYMENT_BEFORE_COMMIT_MS", "20000", 1);
    pid_t payer = spawnCtl({"pay", "--device", device, "--amount", "12.50", "--bill", "CANT-7", "--db", db},
                           dir / "pay.out", dir / "pay.err");
    ::unsetenv("GUICHET_FAILPOINT_PAYMENT_BEFORE_COMMIT_MS");
    REQUIRE(payer > 0);
    // Wait for the approval (the bank's journal) and for the pause before the commit.
    bool paused = false;
    for (int i = 0; i < 250 && !paused; ++i) {
        paused = lines(dir / "debits.txt") == 1 && slurp(dir / "pay.err").find("fail point") != std::string::npos;
        if (!paused) std::this_thread::sleep_for(20ms);
    }
    REQUIRE(paused);
    ::kill(payer, SIGKILL);
    CHECK(waitExit(payer) == 128 + SIGKILL);

    std::string out;
    REQUIRE(runCtl({"pay", "list", "--db", db, "--to-check", "--json"}, out) == 0);
    auto j = nlohmann::json::parse(out);
    REQUIRE(j["to_check"] == 1);
    CHECK(j["payments"][0]["state"] == "open");
    CHECK(j["payments"][0]["amount_cents"] == 1250);
    CHECK(j["payments"][0]["bill"] == "CANT-7");
    const std::string txn = j["payments"][0]["transaction"];
    REQUIRE(runCtl({"pay", "list", "--db", db}, out) == 0);
    CHECK(out.find("à vérifier") != std::string::npos);
    // The monitoring sees it too: guichetctl status is "degraded" (exit 1) with the count.
    {
        std::ofstream(dir / "terminal.toml") << "[terminal]\nid = \"borne-test\"\n";
        std::string status;
        CHECK(runCtl({"status", "--json", "--config", dir / "terminal.toml", "--state-dir", dir.path()}, status) == 2);
        INFO(status);
        auto sj = nlohmann::json::parse(status);
        CHECK(sj["outbox"]["payments_to_check"] == 1);
        bool named = false;
        for (const auto& f : sj["findings"]) named = named || f.value("code", "") == "payments-to-check";
        CHECK(named);
    }

    // The next start (a new payment process on the same database) reports it, does not
    // retry it: the TPE sees exactly one more request, for the new payment only.
    std::string err;
    REQUIRE(runCtl({"pay", "--device", device, "--amount", "3.00", "--db", db}, out, &err) == 0);
    CHECK(err.find(txn) != std::string::npos);
    CHECK(err.find("à vérifier") != std::string::npos);
    std::this_thread::sleep_for(150ms);  // let the journal catch up
    CHECK(lines(dir / "debits.txt") == 2);  // 12.50 once, 3.00 once: never a second 12.50
    REQUIRE(runCtl({"pay", "list", "--db", db, "--to-check", "--json"}, out) == 0);
    CHECK(nlohmann::json::parse(out)["to_check"] == 1);

    // Staff checked the TPE's journal.
    REQUIRE(runCtl({"pay", "checked", txn, "--note", "débit vu au journal du TPE", "--db", db}, out) == 0);
    REQUIRE(runCtl({"pay", "list", "--db", db, "--to-check", "--json"}, out) == 0);
    CHECK(nlohmann::json::parse(out)["to_check"] == 0);

    // Nothing from the card in any log of either process (stdout may show ****4242).
    for (const char* f : {"pay.err", "emulator.err"}) {
        const std::string log = slurp(dir / f);
        INFO(f << ": " << log);
        CHECK(log.find("######") == std::string::npos);
        CHECK(log.find("497010") == std::string::npos);
        CHECK(log.find("4242") == std::string::npos);
    }
    CHECK(err.find("4242") == std::string::npos);
    ::kill(emulator, SIGTERM);
    CHECK(waitExit(emulator) == 0);
}

TEST_CASE("payment.ctl_pay_reports_every_outcome", "[payment]") {
    TempDir dir;
    struct Case { std::vector<std::string> flags; const char* outcome; int exit; };
    for (const auto& c : {Case{{}, "approved", 0}, Case{{"--contactless"}, "approved", 0},
                          Case{{"--refuse", "refused"}, "refused", 1}, Case{{"--abandon"}, "abandoned", 1},
                          Case{{"--timeout"}, "timed-out", 1}, Case{{"--close"}, "unknown", 4},
                          Case{{"--close-mid-answer"}, "unknown", 4}}) {
        pid_t emulator = -1;
        const int port = startEmulator(emulator, dir, c.flags);
        std::string out;
        const int rc = runCtl({"pay", "--device", "tcp://127.0.0.1:" + std::to_string(port), "--amount", "12,50",
                               "--json", "--db", dir / "outbox.sqlite"},
                              out);
        INFO(out);
        CHECK(rc == c.exit);
        auto j = nlohmann::json::parse(out);
        CHECK(j["outcome"] == c.outcome);
        CHECK(j["montant_centimes"] == 1250);
        if (std::string(c.outcome) == "approved") CHECK(j["carte"] == "****4242");
        ::kill(emulator, SIGTERM);
        CHECK(waitExit(emulator) == 0);
        std::remove((dir / "emulator.out").c_str());
    }
    std::string out;
    CHECK(runCtl({"pay", "--device", "tcp://127.0.0.1:1", "--amount", "1", "--json"}, out) == 1);
    CHECK(nlohmann::json::parse(out)["outcome"] == "not-sent");
    CHECK(runCtl({"pay", "--device", "ftp://x", "--amount", "1"}, out) == 2);
    CHECK(runCtl({"pay", "--device", "auto", "--amount", "douze"}, out) == 2);
}
