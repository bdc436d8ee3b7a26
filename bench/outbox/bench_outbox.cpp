// The outbox benchmark (not a test): durable enqueues per second against a bare SQLite
// insert with the same pragmas on the same disk, send throughput over loopback, start-up
// with 100 000 queued rows, and peak memory while sending 1 000 submissions of 500 KB.
// Usage: bench_outbox [--dir DIR] [--quick] [--only enqueue|send|startup|memory]
// (DIR: where both databases live; default /tmp)
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "bench/outbox/bench_support.hpp"
#include "bench/outbox/loopback_sink.hpp"
#include "drivers/common/log.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/uploader.hpp"

using namespace guichet;
using namespace guichet::bench;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string gDir;

std::string freshDir(const std::string& name) {
    const std::string d = gDir + "/" + name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

outbox::StoreOptions optionsIn(const std::string& dir) {
    outbox::StoreOptions o;
    o.path = dir + "/outbox.sqlite";
    o.keyFile = o.path + ".key";
    return o;
}

// The reference of PERFORMANCE.md: one row per transaction, WAL, synchronous=FULL.
struct BareDb {
    sqlite3* db = nullptr;
    sqlite3_stmt* ins = nullptr;
    explicit BareDb(const std::string& path) {
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                         "CREATE TABLE IF NOT EXISTS q (id INTEGER PRIMARY KEY, uuid TEXT, state TEXT, t INTEGER,"
                         " payload BLOB, attachment BLOB)", nullptr, nullptr, nullptr);
        sqlite3_prepare_v2(db, "INSERT INTO q (uuid, state, t, payload, attachment) VALUES (?1, 'queued', ?2, ?3, ?4)", -1,
                           &ins, nullptr);
    }
    ~BareDb() {
        sqlite3_finalize(ins);
        sqlite3_close(db);
    }
    void insert(const std::string& uuid, const Bytes& payload, const Bytes& attachment) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_text(ins, 1, uuid.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 2, outbox::nowMs());
        sqlite3_bind_blob(ins, 3, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
        sqlite3_bind_blob(ins, 4, attachment.data(), static_cast<int>(attachment.size()), SQLITE_STATIC);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
};

void benchEnqueue(bool quick) {
    std::printf("\n## Durable enqueue (WAL, synchronous=FULL, one transaction each, 2 KiB answers)\n");
    std::printf("| attachment | bare SQLite insert/s | Guichet store()/s (sealed) | ratio |\n|---|---|---|---|\n");
    struct Size {
        std::size_t bytes;
        int n;
        const char* label;
    } sizes[] = {{0, quick ? 300 : 1500, "none"}, {50 * 1024, quick ? 100 : 400, "50 KiB"},
                 {500 * 1024, quick ? 30 : 120, "500 KiB"}};
    for (const auto& sz : sizes) {
        const std::string dir = freshDir("enqueue");
        BareDb bare(dir + "/bare.sqlite");
        auto store = std::move(outbox::OutboxStore::open(optionsIn(dir)).value());
        const Bytes payload = randomBytes(2048), attachment = randomBytes(sz.bytes);
        std::vector<Submission> subs;
        for (int i = 0; i < sz.n * 3 + 30; ++i) subs.push_back(benchSubmission(2048, sz.bytes, "webhook"));
        // Small alternating blocks: the disk is shared with other work, so both sides must
        // see the same weather; the rates are totals over all blocks.
        const int block = std::max(5, sz.n / 30);
        double bareTime = 0, ourTime = 0;
        int bareDone = 0, ourDone = 0;
        std::size_t next = 0;
        while (bareDone < sz.n * 3) {
            auto t0 = Clock::now();
            for (int i = 0; i < block; ++i) bare.insert(newUuid(), payload, attachment);
            bareTime += seconds(t0);
            bareDone += block;
            t0 = Clock::now();
            for (int i = 0; i < block && next < subs.size(); ++i) (void)store->store(subs[next++]);
            ourTime += seconds(t0);
            ourDone += block;
        }
        const double b = bareDone / bareTime, o = ourDone / ourTime;
        std::printf("| %s | %.0f | %.0f | %.2f |\n", sz.label, b, o, o / b);
    }
}

void benchSend(bool quick) {
    std::printf("\n## Send throughput over loopback (one at a time, C++ sink answering 201)\n");
    std::printf("| connector | submission | count | submissions/s | MB/s of body |\n|---|---|---|---|---|\n");
    struct Case {
        const char* connector;
        std::size_t attachment;
        int n;
        const char* label;
    } cases[] = {{"webhook", 0, quick ? 200 : 1000, "2 KiB answers"},
                 {"webhook", 500 * 1024, quick ? 30 : 200, "2 KiB + 500 KiB attachment"},
                 {"directory", 0, quick ? 200 : 1000, "2 KiB answers"},
                 {"directory", 500 * 1024, quick ? 30 : 200, "2 KiB + 500 KiB attachment"}};
    for (const auto& c : cases) {
        const std::string dir = freshDir("send");
        LoopbackSink sink;
        outbox::OutboxConfig cfg;
        cfg.webhook = outbox::WebhookConfig{"http://127.0.0.1:" + std::to_string(sink.port()) + "/hook", "k"};
        fs::create_directories(dir + "/depot");
        cfg.directory = outbox::DirectoryConfig{dir + "/depot"};
        {
            auto store = std::move(outbox::OutboxStore::open(optionsIn(dir)).value());
            for (int i = 0; i < c.n; ++i) (void)store->store(benchSubmission(2048, c.attachment, c.connector));
        }
        auto t0 = Clock::now();
        auto r = upload::Uploader::sendOnce(optionsIn(dir), cfg);
        const double s = seconds(t0);
        const double bytes = c.connector == std::string("webhook") ? static_cast<double>(sink.bodyBytes())
                                                                  : static_cast<double>(c.n) * (2300.0 + c.attachment);
        std::printf("| %s | %s | %d | %.0f | %.1f |\n", c.connector, c.label, r ? r->sent : -1, c.n / s, bytes / s / 1e6);
    }
}

void benchStartup() {
    std::printf("\n## Start-up with 100 000 queued rows (2 KiB sealed payload each; page cache warm)\n");
    const std::string dir = freshDir("startup");
    {
        auto store = std::move(outbox::OutboxStore::open(optionsIn(dir)).value());
        (void)store->store(benchSubmission(2048, 0, "webhook"));
        // The other 99 999 rows are made in one transaction (storing them one by one would
        // take minutes of fsync); start-up does not decrypt, so random sealed bytes are fine.
        auto r = store->db().exec(
            "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)"
            " INSERT INTO submissions (uuid, reference, procedure_id, procedure_version, connector, language, terminal_id,"
            " created_at, stored_at_ms, state, next_attempt_at_ms, payload_bytes, attachment_bytes, attachment_count)"
            " SELECT printf('%08x-0000-4000-8000-%012x', i, i), 'GU-BNCH-' || i, 'signalement', 1, 'webhook', 'fr', 'bench',"
            " 1790000000, stored_at_ms + i, 'queued', stored_at_ms + i, 2048, 0, 0"
            " FROM n, (SELECT stored_at_ms FROM submissions LIMIT 1);"
            " INSERT INTO payloads (submission_id, sealed) SELECT id, randomblob(2088) FROM submissions WHERE id > 1;"
            " COMMIT;");
        if (!r) std::printf("build failed: %s\n", r.error().message.c_str());
    }
    std::printf("database: %.0f MB\n\n| start-up | integrity check | median of 5 |\n|---|---|---|\n",
                fs::file_size(dir + "/outbox.sqlite") / 1e6);
    for (const char* check : {"off", "quick", "full"}) {
        std::vector<double> t;
        for (int i = 0; i < 5; ++i) {
            auto o = optionsIn(dir);
            o.integrityCheck = check;
            auto t0 = Clock::now();
            auto store = std::move(outbox::OutboxStore::open(o).value());
            auto due = store->nextDueMs("webhook");
            auto stats = store->stats(outbox::nowMs());
            t.push_back(seconds(t0));
            if (!due || stats.byState["queued"] != 100000) std::printf("unexpected content\n");
        }
        std::printf("| open + stats + next due (in process) | %s | %.0f ms |\n", check, median(t) * 1000);
    }
    // The whole operator tool: process start, open, quick check, counts.
    const std::string ctl = std::string(GUICHET_BINARY_DIR) + "/kiosk/ctl/guichetctl";
    std::vector<double> t;
    for (int i = 0; i < 5; ++i) {
        auto t0 = Clock::now();
        const std::string cmd = ctl + " outbox stats --json --db " + dir + "/outbox.sqlite > /dev/null";
        if (std::system(cmd.c_str()) != 0) std::printf("guichetctl failed\n");
        t.push_back(seconds(t0));
    }
    std::printf("| `guichetctl outbox stats` process | quick | %.0f ms |\n", median(t) * 1000);
    fs::remove_all(dir);
}

// Peak RSS of `guichetctl outbox send --once` sending n submissions of 500 KB: a fresh
// process (exec, not fork), so its high-water mark is the sending's alone.
long sendPeakRss(int n, double& secondsTaken) {
    const std::string dir = freshDir("rss");
    LoopbackSink sink;
    {
        auto store = std::move(outbox::OutboxStore::open(optionsIn(dir)).value());
        Submission s = benchSubmission(2048, 500 * 1000, "webhook");
        for (int i = 0; i < n; ++i) {
            s.uuid = newUuid();
            (void)store->store(s);
        }
    }
    {
        std::FILE* f = std::fopen((dir + "/outbox.toml").c_str(), "w");
        std::fprintf(f, "[outbox]\ndatabase = \"outbox.sqlite\"\n[connectors.webhook]\nurl = \"http://127.0.0.1:%d/hook\"\n"
                        "secret = \"k\"\n", sink.port());
        std::fclose(f);
    }
    const std::string ctl = std::string(GUICHET_BINARY_DIR) + "/kiosk/ctl/guichetctl";
    const std::string config = dir + "/outbox.toml";
    auto t0 = Clock::now();
    pid_t pid = ::fork();
    if (pid == 0) {
        int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execl(ctl.c_str(), ctl.c_str(), "outbox", "send", "--once", "--config", config.c_str(), nullptr);
        ::_exit(127);
    }
    int status = 0;
    rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    secondsTaken = seconds(t0);
    if (sink.requests() != static_cast<std::uint64_t>(n)) std::printf("(only %llu of %d sent)\n", static_cast<unsigned long long>(sink.requests()), n);
    fs::remove_all(dir);
    return ru.ru_maxrss;  // KiB on Linux
}

void benchMemory(bool quick) {
    std::printf("\n## Peak memory while sending 500 KB attachments (webhook, base64 streamed from the store)\n");
    std::printf("| backlog | peak RSS of `guichetctl outbox send --once` | time |\n|---|---|---|\n");
    for (int n : {quick ? 10 : 10, quick ? 100 : 1000}) {
        double s = 0;
        long kb = sendPeakRss(n, s);
        std::printf("| %d × 500 KB (%.0f MB) | %ld KiB | %.1f s |\n", n, n * 0.5, kb, s);
    }
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    std::string only;
    gDir = "/tmp";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc) gDir = argv[++i];
        else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    }
    gDir += "/guichet-bench-outbox-" + std::to_string(::getpid());
    fs::create_directories(gDir);
    std::printf("# Outbox benchmark (dir %s, SQLite %s)\n", gDir.c_str(), sqlite3_libversion());
    guichet::log::setLevel(guichet::log::Level::Warning);
    if (only.empty() || only == "enqueue") benchEnqueue(quick);
    if (only.empty() || only == "send") benchSend(quick);
    if (only.empty() || only == "startup") benchStartup();
    if (only.empty() || only == "memory") benchMemory(quick);
    fs::remove_all(gDir);
    return 0;
}
