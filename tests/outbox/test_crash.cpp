// Crash test: the real guichetctl enqueueing and sending processes are killed with SIGKILL
// at random moments, 200+ times. Afterwards every acknowledged submission reached the
// receiver, nothing is lost, duplicates carry the same UUID and key, and the file is sound.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "tests/outbox/ctl_runner.hpp"
#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::test;

namespace {

// Kills pid after delayUs unless it finished before; returns true if it was killed.
bool killAfter(pid_t pid, int delayUs, bool kill) {
    if (kill) {
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs));
        ::kill(pid, SIGKILL);
    }
    return waitExit(pid) == 128 + SIGKILL;
}

}  // namespace

TEST_CASE("outbox.crash: SIGKILL during enqueue and send loses nothing (200 iterations)") {
    TempDir dir;
    auto receiver = ReceiverProcess::start({"--mode", "webhook", "--secret", "crash-secret"}, dir / "received.jsonl");
    {
        std::ofstream cfg(dir / "outbox.toml");
        cfg << "[outbox]\ndatabase = \"outbox.sqlite\"\n"
            << "[upload]\nbackoff_base_ms = 1\nbackoff_cap_ms = 20\nmax_attempts = 100000\n"
            << "connect_timeout_ms = 2000\nrequest_timeout_ms = 5000\n"
            << "[connectors.webhook]\nurl = \"" << receiver->url("/hook") << "\"\nsecret = \"crash-secret\"\n";
    }
    const std::string config = dir / "outbox.toml";
    const std::string attachment = dir / "scan.bin";
    {
        Bytes scan = attachmentBytes(7, 0, 150000);
        std::ofstream(attachment, std::ios::binary).write(reinterpret_cast<const char*>(scan.data()),
                                                          static_cast<std::streamsize>(scan.size()));
    }
    std::mt19937 rng(20261128);
    // Calibration: how long an unharmed enqueue and send take here, so that kill times
    // spread over the whole run (start-up, sealing, commit, request, recording).
    auto timed = [&](const std::vector<std::string>& args) {
        const auto t0 = std::chrono::steady_clock::now();
        std::string out;
        REQUIRE(runCtl(args, out) == 0);
        return static_cast<int>(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());
    };
    std::vector<Submission> calibration;
    int enqueueUs = 1 << 30, sendUs = 1 << 30;
    for (int i = 0; i < 3; ++i) {  // the fastest of three: the first run also creates the files
        calibration.push_back(makeSubmission(100000 + i));
        const std::string file = dir / ("first" + std::to_string(i) + ".json");
        std::ofstream(file) << calibration.back().toJson().dump();
        enqueueUs = std::min(enqueueUs, timed({"outbox", "enqueue", "--config", config, "--file", file, "--attach", attachment}));
        sendUs = std::min(sendUs, timed({"outbox", "send", "--once", "--config", config}));
    }
    std::uniform_int_distribution<int> enqueueDelay(0, enqueueUs * 6 / 5), sendDelay(0, sendUs * 6 / 5);
    std::set<std::string> acknowledged, killedEnqueues;
    std::map<std::string, Submission> written;
    int sendKills = 0;
    const int iterations = 220;
    for (const auto& c : calibration) {
        written[c.uuid] = c;
        acknowledged.insert(c.uuid);
    }
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) {
        Submission s = makeSubmission(i);
        written[s.uuid] = s;
        const std::string file = dir / ("s" + std::to_string(i) + ".json");
        std::ofstream(file) << s.toJson().dump();
        pid_t enq = spawnCtl({"outbox", "enqueue", "--config", config, "--file", file, "--attach", attachment}, "",
                             dir / "enqueue.log");
        pid_t snd = spawnCtl({"outbox", "send", "--once", "--config", config}, "", dir / "send.log");
        REQUIRE(enq > 0);
        REQUIRE(snd > 0);
        const bool killEnq = rng() % 4 != 0, killSnd = rng() % 4 != 0;
        const int dEnq = enqueueDelay(rng), dSnd = sendDelay(rng);
        std::thread t([&] {
            if (killAfter(snd, dSnd, killSnd)) ++sendKills;
        });
        const bool enqKilled = killAfter(enq, dEnq, killEnq);
        t.join();
        if (enqKilled) killedEnqueues.insert(s.uuid);
        else acknowledged.insert(s.uuid);
    }
    const double loopSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    // Let an unharmed sender finish the queue.
    for (int round = 0; round < 100; ++round) {
        std::string out, err;
        const int rc = runCtl({"outbox", "send", "--once", "--config", config}, out, &err);
        INFO(err);
        REQUIRE(rc == 0);
        REQUIRE(runCtl({"outbox", "stats", "--json", "--config", config}, out) == 0);
        auto st = nlohmann::json::parse(out);
        if (st["by_state"]["queued"] == 0 && st["by_state"]["sending"] == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }

    auto store = outbox::OutboxStore::open(outbox::StoreOptions{dir / "outbox.sqlite", dir / "outbox.sqlite.key"});
    REQUIRE(store.ok());
    CHECK(*(*store)->integrityCheck() == "ok");
    auto entries = (*store)->list(std::nullopt);
    std::set<std::string> stored;
    for (const auto& e : entries) {
        stored.insert(e.uuid);
        CHECK(e.state == outbox::State::Sent);
        REQUIRE(written.count(e.uuid));
        // A killed enqueue left all of it or nothing: never part of a submission.
        Submission expected = written[e.uuid];
        expected.attachments.push_back({"scan.bin", "application/octet-stream", attachmentBytes(7, 0, 150000)});
        CHECK(holdsWhole(**store, expected));
    }
    for (const auto& uuid : acknowledged) CHECK(stored.count(uuid) == 1);  // never lost once acknowledged

    std::map<std::string, int> deliveries;
    for (const auto& r : receiver->requests()) {
        if (r.value("truncated", false)) continue;  // the sender was killed mid-body
        CHECK(r["signature_ok"] == true);
        CHECK(r["key"] == r["uuid"]);  // every copy carries its own UUID as the idempotency key
        if (r.value("delivered", false) || r.value("repeat", false)) deliveries[r["uuid"]]++;
    }
    for (const auto& uuid : stored) CHECK(deliveries.count(uuid) == 1);
    int duplicates = 0;
    for (auto& [uuid, n] : deliveries) {
        CHECK(stored.count(uuid) == 1);  // nothing reached the back office that the outbox does not know
        duplicates += n - 1;
    }
    WARN("crash test: enqueue " << enqueueUs / 1000 << " ms, send " << sendUs / 1000 << " ms unharmed; " << iterations << " iterations in " << loopSeconds << " s; " << killedEnqueues.size()
                        << " enqueues killed (" << (stored.size() - acknowledged.size())
                        << " of them had committed), " << sendKills << " senders killed, " << duplicates
                        << " duplicate deliveries (same UUID and key)");
    CHECK(killedEnqueues.size() > 50);
    CHECK(sendKills > 30);
    CHECK(stored.size() >= acknowledged.size());
}
