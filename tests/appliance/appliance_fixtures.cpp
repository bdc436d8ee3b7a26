#include "tests/appliance/appliance_fixtures.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "kiosk/outbox/sqlite_db.hpp"

extern char** environ;

namespace guichet::test {
namespace fs = std::filesystem;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

StateFolder::StateFolder() {
    char tmpl[] = "/tmp/guichet-appliance-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir = tmpl;
    writeFile(dir + "/outbox.toml", "[outbox]\ndatabase = \"outbox.sqlite\"\nkey_file = \"outbox.key\"\n"
                                    "[connectors.directory]\npath = \"spool\"\n");
    writeFile(terminalToml(), "[terminal]\nid = \"borne-test\"\n[outbox]\nconfig = \"outbox.toml\"\n"
                              "[appliance]\nstate_dir = \"" + dir + "\"\nmetrics_file = \"" + dir + "/guichet.prom\"\n");
}

StateFolder::~StateFolder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
}

void StateFolder::writeHeartbeat(const std::string& printerStatus, long ageSeconds, bool withPrinter) {
    appliance::Heartbeat h;
    h.version = "0.1+test";
    h.terminalId = "borne-test";
    h.pid = 4242;
    h.writtenAt = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count() - ageSeconds;
    h.startedAt = h.writtenAt - 3600;
    if (withPrinter) h.devices.push_back({"printer", printerStatus, ""});
    h.devices.push_back({"card-reader", "no-card", ""});
    h.sessions.record("acte-naissance", appliance::Outcome::Completed, 95, {"large-text"});
    h.sessions.record("none", appliance::Outcome::TimedOut, 200, {});
    h.sessions.record("signalement", appliance::Outcome::Abandoned, 40, {"speech", "high-contrast"});
    auto r = appliance::writeFileAtomically(dir + "/heartbeat.json", appliance::heartbeatToJson(h));
    if (!r) throw std::runtime_error(r.error().message);
}

std::unique_ptr<outbox::OutboxStore> StateFolder::openOutbox() {
    outbox::StoreOptions o;
    o.path = database();
    o.keyFile = dir + "/outbox.key";
    auto s = outbox::OutboxStore::open(o);
    if (!s) throw std::runtime_error(s.error().message);
    return std::move(*s);
}

void StateFolder::storeSubmissions(outbox::OutboxStore& store, int n) {
    for (int i = 0; i < n; ++i) {
        Submission s;
        s.uuid = newUuid();
        s.reference = referenceFromUuid(s.uuid);
        s.procedureId = "acte-naissance";
        s.connector = "directory";
        s.language = "fr";
        s.terminalId = "borne-test";
        s.createdAt = 1790000000 + i;
        s.answers = {{"nom", kResidentName}, {"commune", "Saint-Exemple"}};
        auto r = store.store(s);
        if (!r) throw std::runtime_error(r.error().message);
    }
}

void StateFolder::ageQueue(long seconds) {
    outbox::Db db;
    if (!db.open(database(), SQLITE_OPEN_READWRITE, nullptr)) throw std::runtime_error("cannot open " + database());
    auto r = db.exec("UPDATE submissions SET stored_at_ms = stored_at_ms - " + std::to_string(seconds * 1000) +
                     " WHERE state IN ('queued','sending')");
    if (!r) throw std::runtime_error(r.error().message);
}

namespace {

Run spawnAndWait(std::vector<std::string> argv) {
    char outT[] = "/tmp/guichet-appliance-out-XXXXXX", errT[] = "/tmp/guichet-appliance-err-XXXXXX";
    ::close(mkstemp(outT));
    ::close(mkstemp(errT));
    std::vector<char*> c;
    for (auto& a : argv) c.push_back(a.data());
    c.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, outT, O_WRONLY | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, errT, O_WRONLY | O_TRUNC, 0600);
    pid_t pid = -1;
    Run r;
    if (posix_spawn(&pid, c[0], &fa, nullptr, c.data(), environ) == 0) {
        int status = 0;
        waitpid(pid, &status, 0);
        r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&fa);
    r.out = readFile(outT);
    r.err = readFile(errT);
    ::unlink(outT);
    ::unlink(errT);
    return r;
}

}  // namespace

Run runGuichetctl(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {GUICHETCTL};
    argv.insert(argv.end(), args.begin(), args.end());
    return spawnAndWait(argv);
}

Run runShell(const std::string& command) { return spawnAndWait({"/bin/sh", "-c", command + " 2>&1"}); }

}  // namespace guichet::test
