// Drain of a backlog at the receiver's speed (issue 17), each figure beside its reference:
//  - webhook: Uploader::sendOnce (what `guichetctl outbox send --once` and the terminal's
//    uploader run) against a sequential libcurl client that reuses one connection, both
//    posting the same bodies to the same loopback receiver; and the drain loop alone
//    (ConnectorWorker::drainOnce on an open store: the running terminal's case, without
//    the start-up integrity check and the opening of the database);
//  - webhook with --delay-ms D: the same against a receiver that answers in D ms (a real
//    network's round trip): Guichet with in_flight = 1 and the default, beside the reference;
//  - directory: the directory connector against a plain loop of write, fsync, rename (+ one
//    fsync of the folder at the end), same sizes, same disk.
// Target: >= 0.8x of each reference.
#include <curl/curl.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/connector.hpp"
#include "kiosk/upload/uploader.hpp"
#include "loopback_sink.hpp"

using namespace guichet;
using namespace guichet::bench;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

outbox::StoreOptions optionsIn(const std::string& dir) {
    outbox::StoreOptions o;
    o.path = dir + "/outbox.sqlite";
    o.keyFile = o.path + ".key";
    return o;
}

// The backlog: n demands of ~2 KiB of answers, stored as the terminal stores them.
std::string fillBacklog(const std::string& dir, int n, const std::string& connector) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto store = std::move(outbox::OutboxStore::open(optionsIn(dir)).value());
    for (int i = 0; i < n; ++i) (void)store->store(benchSubmission(2048, 0, connector));
    return benchSubmission(2048, 0, connector).toJson().dump();
}

// CPU time of the calling thread (the client; the receiver runs on its own threads), in
// seconds: steadier than wall time on a shared machine.
double threadCpu() {
    rusage u{};
    ::getrusage(RUSAGE_THREAD, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// `us` microseconds of the calling thread's CPU, spent (a client's own work between two
// requests: reading the outbox, decrypting, signing, recording).
void spin(int us) {
    if (us <= 0) return;
    const auto end = Clock::now() + std::chrono::microseconds(us);
    volatile unsigned sink = 0;
    while (Clock::now() < end) sink = sink + 1;
}

// The reference client: one handle, one kept-alive connection, one POST after the other;
// with workUs > 0, that much CPU spent before each request (--reference-work-us).
double referenceWebhook(int port, const std::string& body, int n, int workUs = 0) {
    CURL* c = curl_easy_init();
    curl_slist* h = curl_slist_append(nullptr, "Content-Type: application/json");
    h = curl_slist_append(h, "Expect:");
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) {
        spin(workUs);
        curl_easy_perform(c);
    }
    const double s = seconds(t0);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return n / s;
}

double referenceDirectory(const std::string& dir, const std::string& body, int n) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) {
        const std::string tmp = dir + "/." + std::to_string(i) + ".tmp", final = dir + "/" + std::to_string(i) + ".json";
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        if (::write(fd, body.data(), body.size()) < 0) std::perror("write");
        ::fsync(fd);
        ::close(fd);
        ::rename(tmp.c_str(), final.c_str());
    }
    int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    ::fsync(d);
    ::close(d);
    return n / seconds(t0);
}

}  // namespace

int main(int argc, char** argv) {
    int n = 2000;
    int inFlight = outbox::HttpConfig{}.inFlight;  // of the loopback row
    int rounds = 4;
    int delayMs = 0, delayedCount = 200;  // the delayed receiver: fewer demands (30 ms each for the reference)
    std::string only;  // "webhook", "delayed" or "directory": one receiver (for a profiler)
    // A second reference that does this much CPU work before each request: how fast the same
    // client goes, on this machine, when it does as much work per send as Guichet does (the
    // receiver's wake-ups cost more when the client is away longer). 0: not measured.
    int referenceWorkUs = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--count") == 0) n = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
        if (std::strcmp(argv[i], "--delay-ms") == 0) delayMs = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--delayed-count") == 0) delayedCount = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--in-flight") == 0) inFlight = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(std::atoi(argv[i + 1]), 1);
        if (std::strcmp(argv[i], "--reference-work-us") == 0) referenceWorkUs = std::atoi(argv[i + 1]);
    }
    const std::string base = (fs::temp_directory_path() / ("bench-drain-" + std::to_string(getpid()))).string();
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::printf("# Drain of %d demands (2 KiB answers each), figure beside its reference, one run\n", n);
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {  // the machine is shared: say how busy it was
        char load[64] = {};
        if (std::fgets(load, sizeof load, f)) std::printf("# load average: %s", load);
        std::fclose(f);
    }
    std::printf("\n");
    std::printf("| receiver | Guichet drain/s | reference/s | ratio | target |\n|---|---|---|---|---|\n");
    if (only.empty() || only == "webhook") {
        // Rounds alternate Guichet and the reference (n/rounds demands each), so that the
        // load of a shared machine, which changes from second to second, weighs on both alike.
        LoopbackSink sink(/*keepAlive=*/true);
        const int per = std::max(n / rounds, 1);
        std::vector<std::string> dirs;
        std::string body;
        for (int k = 0; k < rounds; ++k) {
            dirs.push_back(base + "/webhook-" + std::to_string(k));
            body = fillBacklog(dirs.back(), per, "webhook");
        }
        outbox::OutboxConfig cfg;
        cfg.webhook = outbox::WebhookConfig{"http://127.0.0.1:" + std::to_string(sink.port()) + "/hook", "k"};
        cfg.http.inFlight = inFlight;
        // The same drain once the sender is open (the terminal's uploader, running when the
        // network comes back): ConnectorWorker::drainOnce over an open store, no start-up check.
        std::vector<std::string> loopDirs;
        for (int k = 0; k < rounds; ++k) {
            loopDirs.push_back(base + "/webhook-loop-" + std::to_string(k));
            (void)fillBacklog(loopDirs.back(), per, "webhook");
        }
        double oursSeconds = 0, refSeconds = 0, worst = 1e9, best = 0, oursCpu = 0, refCpu = 0;
        double loopSeconds = 0, loopCpu = 0, loopWorst = 1e9, loopBest = 0, busyRefSeconds = 0;
        int sent = 0, loopSent = 0;
        std::uint64_t oursConnections = 0;
        for (int k = 0; k < rounds; ++k) {
            const auto before = sink.connections();
            auto t0 = Clock::now();
            const double c0 = threadCpu();
            auto r = upload::Uploader::sendOnce(optionsIn(dirs[k]), cfg);
            const double ours = seconds(t0);
            const double c1 = threadCpu();
            oursCpu += c1 - c0;
            oursConnections += sink.connections() - before;
            sent += r ? r->sent : 0;
            const double ref = per / referenceWebhook(sink.port(), body, per);
            refCpu += threadCpu() - c1;
            if (referenceWorkUs > 0) busyRefSeconds += per / referenceWebhook(sink.port(), body, per, referenceWorkUs);
            oursSeconds += ours;
            refSeconds += ref;
            worst = std::min(worst, ref / ours);
            best = std::max(best, ref / ours);
            // The drain loop alone, right after this round's reference.
            outbox::StoreOptions so = optionsIn(loopDirs[k]);
            so.integrityCheck = "off";  // as the uploader's own connections
            so.fsyncEachCommit = false;
            auto store = outbox::OutboxStore::open(so);
            auto connector = upload::makeConnector("webhook", cfg);
            if (!store || !connector) continue;
            upload::ConnectorWorker worker(std::move(*store), std::move(*connector), cfg, so);  // recorder as the uploader's
            const auto t1 = Clock::now();
            const double c2 = threadCpu();
            loopSent += worker.drainOnce().sent;
            const double loop = seconds(t1);
            loopCpu += threadCpu() - c2;
            loopSeconds += loop;
            loopWorst = std::min(loopWorst, ref / loop);
            loopBest = std::max(loopBest, ref / loop);
        }
        const double ours = sent / oursSeconds, ref = rounds * per / refSeconds;
        std::printf("| webhook on loopback, in_flight %d | %.0f | %.0f (sequential client, kept-alive connection) | %.2fx (rounds %.2f-%.2fx) | >= 0.8x |\n",
                    inFlight, ours, ref, ours / ref, worst, best);
        std::printf("(%d alternating rounds of %d; connections opened by Guichet: %llu; client CPU per send: Guichet %.0f us, reference %.0f us, %.2fx)\n",
                    rounds, per, static_cast<unsigned long long>(oursConnections), 1e6 * oursCpu / std::max(sent, 1),
                    1e6 * refCpu / (rounds * per), refCpu / std::max(oursCpu, 1e-9));
        if (sent != rounds * per) std::printf("(sent %d of %d)\n", sent, rounds * per);
        const double loop = loopSent / std::max(loopSeconds, 1e-9);
        std::printf("| webhook on loopback, drain loop of an open sender (no start-up check), in_flight %d | %.0f | %.0f (same reference rounds) | %.2fx (rounds %.2f-%.2fx) | >= 0.8x |\n",
                    inFlight, loop, ref, loop / ref, loopWorst, loopBest);
        std::printf("(client CPU per send: drain loop %.0f us, reference %.0f us, %.2fx)\n", 1e6 * loopCpu / std::max(loopSent, 1),
                    1e6 * refCpu / (rounds * per), refCpu / (rounds * per) / std::max(loopCpu / std::max(loopSent, 1), 1e-9));
        if (loopSent != rounds * per) std::printf("(drain loop sent %d of %d)\n", loopSent, rounds * per);
        if (referenceWorkUs > 0) {
            const double busy = rounds * per / std::max(busyRefSeconds, 1e-9);
            std::printf("| the reference client with %d us of CPU work before each request | %.0f | %.0f (same reference rounds) | %.2fx | (what a client doing that much work per send can reach here) |\n",
                        referenceWorkUs, busy, ref, busy / ref);
        }
    }
    if (delayMs > 0 && (only.empty() || only == "delayed")) {
        LoopbackSink sink(/*keepAlive=*/true, delayMs);
        const std::string dir = base + "/delayed";
        std::string body;
        double ours[2] = {0, 0};
        const int widths[2] = {1, outbox::HttpConfig{}.inFlight};
        for (int k = 0; k < 2; ++k) {
            body = fillBacklog(dir, delayedCount, "webhook");
            outbox::OutboxConfig cfg;
            cfg.webhook = outbox::WebhookConfig{"http://127.0.0.1:" + std::to_string(sink.port()) + "/hook", "k"};
            cfg.http.inFlight = widths[k];
            auto t0 = Clock::now();
            auto r = upload::Uploader::sendOnce(optionsIn(dir), cfg);
            ours[k] = (r ? r->sent : 0) / seconds(t0);
            if (!r || r->sent != delayedCount) std::printf("(in_flight %d: sent %d of %d)\n", widths[k], r ? r->sent : -1, delayedCount);
        }
        const double ref = referenceWebhook(sink.port(), body, delayedCount);
        for (int k = 0; k < 2; ++k)
            std::printf("| webhook, receiver answering in %d ms, in_flight %d (%d demands) | %.0f | %.0f (sequential client, kept-alive connection) | %.2fx | — |\n",
                        delayMs, widths[k], delayedCount, ours[k], ref, ours[k] / ref);
    }
    if (only.empty() || only == "directory") {
        const std::string dir = base + "/directory";
        const std::string body = fillBacklog(dir, n, "directory");
        fs::create_directories(dir + "/depot");
        outbox::OutboxConfig cfg;
        cfg.directory = outbox::DirectoryConfig{dir + "/depot"};
        auto t0 = Clock::now();
        auto r = upload::Uploader::sendOnce(optionsIn(dir), cfg);
        const double ours = (r ? r->sent : 0) / seconds(t0);
        const double ref = referenceDirectory(base + "/plain", body, n);
        std::printf("| shared folder | %.0f | %.0f (write, fsync, rename loop) | %.2fx | >= 0.8x |\n", ours, ref, ours / ref);
        if (!r || r->sent != n) std::printf("(sent %d of %d)\n", r ? r->sent : -1, n);
    }
    fs::remove_all(base);
    return 0;
}
