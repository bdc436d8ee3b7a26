// guichetctl outbox: the operator's view of the durable queue (enqueue, list, show, stats,
// send, retry, purge, ack-corrupt). Every subcommand takes --db, --config and --json.
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_open.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/uploader.hpp"

namespace {

using namespace guichet;
using nlohmann::json;

struct Options {
    std::string sub;
    std::string db, config, file, state, target;
    std::vector<std::string> attach;
    bool json = false, once = false, follow = false, dead = false;
    int retentionDays = -1;
};

int usage() {
    std::fprintf(stderr,
                 "usage: guichetctl outbox SUBCOMMAND [--db PATH] [--config PATH] [--json]\n"
                 "  enqueue --file submission.json [--attach FILE...]\n"
                 "  list [--state queued|sending|sent|rejected|dead]\n"
                 "  show UUID|REFERENCE\n"
                 "  status REFERENCE   (what \"Suivre ma demande\" tells the resident; exit 1 if unknown)\n"
                 "  stats\n"
                 "  send --once | --follow\n"
                 "  retry UUID | --dead\n"
                 "  purge [--retention-days N]\n"
                 "  ack-corrupt        (after saving a corrupt database that was moved aside)\n");
    return 2;
}

bool parse(const ctl::Args& a, Options& o) {
    if (a.empty()) return false;
    o.sub = a[0];
    for (std::size_t i = 1; i < a.size(); ++i) {
        auto value = [&](std::string& out) {
            if (i + 1 >= a.size()) return false;
            out = a[++i];
            return true;
        };
        const std::string& s = a[i];
        if (s == "--db") { if (!value(o.db)) return false; }
        else if (s == "--config") { if (!value(o.config)) return false; }
        else if (s == "--file") { if (!value(o.file)) return false; }
        else if (s == "--state") { if (!value(o.state)) return false; }
        else if (s == "--attach") {
            std::string f;
            if (!value(f)) return false;
            o.attach.push_back(f);
            while (i + 1 < a.size() && a[i + 1].rfind("--", 0) != 0) o.attach.push_back(a[++i]);
        }
        else if (s == "--retention-days") {
            std::string v;
            if (!value(v)) return false;
            try { o.retentionDays = std::stoi(v); } catch (...) { return false; }
        }
        else if (s == "--json") o.json = true;
        else if (s == "--once") o.once = true;
        else if (s == "--follow") o.follow = true;
        else if (s == "--dead") o.dead = true;
        else if (s.rfind("--", 0) == 0) return false;
        else if (o.target.empty()) o.target = s;
        else return false;
    }
    return true;
}

std::string isoTime(std::int64_t ms) {
    if (ms <= 0) return "-";
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

json entryJson(const outbox::Entry& e) {
    return {{"uuid", e.uuid}, {"reference", e.reference}, {"procedure", e.procedureId},
            {"procedure_version", e.procedureVersion}, {"connector", e.connector}, {"state", outbox::stateName(e.state)},
            {"attempts", e.attempts}, {"ambiguous", e.ambiguous}, {"created_at", e.createdAt},
            {"stored_at_ms", e.storedAtMs}, {"next_attempt_at_ms", e.nextAttemptAtMs}, {"sent_at_ms", e.sentAtMs},
            {"purged_at_ms", e.purgedAtMs}, {"remote_id", e.remoteId}, {"remote_token", e.remoteToken},
            {"last_error", e.lastError}, {"payload_bytes", e.payloadBytes}, {"attachment_bytes", e.attachmentBytes},
            {"attachment_count", e.attachmentCount}};
}

std::string mediaTypeOf(const std::string& path) {
    auto ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".pdf") return "application/pdf";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".png") return "image/png";
    if (ext == ".txt") return "text/plain";
    if (ext == ".json") return "application/json";
    return "application/octet-stream";
}

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

volatile std::sig_atomic_t gStop = 0;
void onSignal(int) { gStop = 1; }

int fail(const std::string& message) {
    std::fprintf(stderr, "guichetctl outbox: %s\n", message.c_str());
    return 1;
}

int enqueue(outbox::OutboxStore& store, const Options& o) {
    if (o.file.empty()) return usage();
    auto text = readFile(o.file);
    if (!text) return fail(o.file + ": cannot read");
    json j;
    try {
        j = json::parse(*text);
    } catch (const json::exception& e) {
        return fail(o.file + ": not JSON: " + e.what());
    }
    if (j.is_object() && !j.contains("uuid")) j["uuid"] = newUuid();
    auto sub = Submission::fromJson(j);
    if (!sub) return fail(o.file + ": " + sub.error().message);
    if (sub->createdAt == 0) sub->createdAt = static_cast<std::int64_t>(std::time(nullptr));
    for (const auto& path : o.attach) {
        auto data = readFile(path);
        if (!data) return fail(path + ": cannot read the attachment");
        Attachment a;
        a.name = std::filesystem::path(path).filename().string();
        a.mediaType = mediaTypeOf(path);
        a.data.assign(data->begin(), data->end());
        sub->attachments.push_back(std::move(a));
    }
    auto r = store.store(*sub);
    if (!r) return fail(r.error().message + " — " + store.lastStoreFailure().message);
    if (o.json)
        std::cout << json{{"uuid", sub->uuid}, {"reference", sub->reference}, {"stored", true}}.dump() << std::endl;
    else
        std::cout << sub->uuid << " " << sub->reference << std::endl;
    sub->wipe();
    return 0;
}

int list(outbox::OutboxStore& store, const Options& o) {
    std::optional<outbox::State> state;
    if (!o.state.empty()) {
        state = outbox::parseState(o.state);
        if (!state) return fail("unknown state '" + o.state + "' (queued, sending, sent, rejected, dead)");
    }
    auto entries = store.list(state);
    if (o.json) {
        json a = json::array();
        for (const auto& e : entries) a.push_back(entryJson(e));
        std::cout << a.dump() << std::endl;
        return 0;
    }
    for (const auto& e : entries)
        std::printf("%s  %s  %-8s %3d  %-10s %-20s %s%s\n", e.uuid.c_str(), e.reference.c_str(), outbox::stateName(e.state),
                    e.attempts, e.connector.c_str(), isoTime(e.storedAtMs).c_str(), e.lastError.c_str(),
                    e.purgedAtMs ? " [purged]" : "");
    return 0;
}

int show(outbox::OutboxStore& store, const Options& o) {
    if (o.target.empty()) return usage();
    auto e = store.find(o.target);
    if (!e) return fail("no submission " + o.target);
    auto attempts = store.attemptsOf(e->id);
    auto atts = store.attachments(e->id);
    if (o.json) {
        json j = entryJson(*e);
        j["attempts_log"] = json::array();
        for (const auto& a : attempts)
            j["attempts_log"].push_back({{"at_ms", a.atMs}, {"outcome", a.outcome}, {"http_status", a.httpStatus},
                                         {"detail", a.detail}, {"delay_ms", a.delayMs}});
        j["attachments"] = json::array();
        for (const auto& a : atts) j["attachments"].push_back({{"media_type", a.mediaType}, {"size", a.size}});
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::printf("uuid        %s\nreference   %s\nprocedure   %s v%d\nconnector   %s\nstate       %s\n", e->uuid.c_str(),
                e->reference.c_str(), e->procedureId.c_str(), e->procedureVersion, e->connector.c_str(),
                outbox::stateName(e->state));
    std::printf("attempts    %d (ambiguous %d)\nstored      %s\nsent        %s\nremote id   %s\n", e->attempts, e->ambiguous,
                isoTime(e->storedAtMs).c_str(), isoTime(e->sentAtMs).c_str(), e->remoteId.empty() ? "-" : e->remoteId.c_str());
    if (!e->remoteToken.empty()) std::printf("token       %s\n", e->remoteToken.c_str());
    if (!e->lastError.empty()) std::printf("last error  %s\n", e->lastError.c_str());
    if (e->purgedAtMs) std::printf("purged      %s (personal data erased; tombstone)\n", isoTime(e->purgedAtMs).c_str());
    for (const auto& a : atts) std::printf("attachment  #%d %s, %lld bytes\n", a.index + 1, a.mediaType.c_str(), static_cast<long long>(a.size));
    for (const auto& a : attempts)
        std::printf("  %s  %-11s %3d  %s%s\n", isoTime(a.atMs).c_str(), a.outcome.c_str(), a.httpStatus, a.detail.c_str(),
                    a.delayMs ? (" (next in " + std::to_string(a.delayMs) + " ms)").c_str() : "");
    return 0;
}

int stats(outbox::OutboxStore& store, const Options& o) {
    auto s = store.stats(outbox::nowMs());
    if (o.json) {
        std::cout << json{{"by_state", s.byState}, {"oldest_queued_age_s", s.oldestQueuedAgeS},
                          {"pending_bytes", s.pendingBytes}, {"tombstones", s.tombstones},
                          {"database_bytes", s.databaseBytes}}.dump() << std::endl;
        return 0;
    }
    for (const auto& [k, v] : s.byState) std::printf("%-9s %lld\n", k.c_str(), static_cast<long long>(v));
    std::printf("oldest queued  %lld s\npersonal data  %lld bytes\ntombstones     %lld\ndatabase       %lld bytes\n",
                static_cast<long long>(s.oldestQueuedAgeS), static_cast<long long>(s.pendingBytes),
                static_cast<long long>(s.tombstones), static_cast<long long>(s.databaseBytes));
    return 0;
}

int send(const outbox::StoreOptions& so, const outbox::OutboxConfig& cfg, const Options& o) {
    if (o.once == o.follow) return usage();
    if (o.once) {
        auto r = upload::Uploader::sendOnce(so, cfg);
        if (!r) return fail(r.error().message);
        if (o.json)
            std::cout << json{{"sent", r->sent}, {"rejected", r->rejected}, {"retried", r->retried}, {"dead", r->dead},
                              {"recovered", r->recovered}}.dump() << std::endl;
        else
            std::printf("sent %d, rejected %d, retry later %d, dead %d\n", r->sent, r->rejected, r->retried, r->dead);
        return 0;
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    upload::Uploader up(so, cfg);
    if (auto r = up.start(); !r) return fail(r.error().message);
    while (!gStop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    up.stop();
    auto r = up.report();
    std::printf("sent %d, rejected %d, retry later %d, dead %d\n", r.sent, r.rejected, r.retried, r.dead);
    return 0;
}

}  // namespace
// ctl_outbox_status.cpp
int followUpStatus(guichet::outbox::OutboxStore& store, const guichet::outbox::OutboxConfig& cfg,
                   const std::string& typed, bool asJson);
namespace {

int runOutbox(const ctl::Args& args) {
    Options o;
    if (!parse(args, o)) return usage();
    outbox::OutboxConfig cfg;
    if (!o.config.empty()) {
        auto c = outbox::loadOutboxConfig(o.config);
        if (!c) return fail(c.error().message);
        cfg = *c;
    }
    if (!o.db.empty()) {
        if (cfg.keyFile.empty()) cfg.keyFile = o.db + ".key";
        cfg.database = o.db;
    }
    const outbox::StoreOptions so = outbox::storeOptionsFrom(cfg);

    if (o.sub == "ack-corrupt") {
        const std::string marker = so.path + ".corrupt-alert";
        if (std::remove(marker.c_str()) != 0) return fail("no corruption alert for " + so.path);
        std::printf("acknowledged: a new, empty outbox will be created at %s on next start\n", so.path.c_str());
        return 0;
    }
    if (o.sub == "send") return send(so, cfg, o);
    static const std::vector<std::string> known = {"enqueue", "list", "show", "stats", "retry", "purge", "status"};
    if (std::find(known.begin(), known.end(), o.sub) == known.end()) return usage();

    auto store = outbox::OutboxStore::open(so);
    if (!store) return fail(store.error().message);
    auto& s = **store;
    if (o.sub == "enqueue") return enqueue(s, o);
    if (o.sub == "list") return list(s, o);
    if (o.sub == "show") return show(s, o);
    if (o.sub == "stats") return stats(s, o);
    if (o.sub == "status") return followUpStatus(s, cfg, o.target, o.json);
    if (o.sub == "retry") {
        if (o.dead == !o.target.empty()) return usage();
        if (o.dead) {
            auto n = s.retryDead(outbox::nowMs());
            if (!n) return fail(n.error().message);
            if (o.json) std::cout << json{{"requeued", *n}}.dump() << std::endl;
            else std::printf("requeued %d dead submission(s)\n", *n);
            return 0;
        }
        auto r = s.retry(o.target, outbox::nowMs());
        if (!r) return fail(r.error().message);
        if (!*r) return fail(o.target + " is not rejected or dead (or its data was purged)");
        if (o.json) std::cout << json{{"requeued", 1}}.dump() << std::endl;
        else std::printf("requeued %s\n", o.target.c_str());
        return 0;
    }
    if (o.sub == "purge") {
        auto n = s.purge(o.retentionDays >= 0 ? o.retentionDays : cfg.retentionDays, outbox::nowMs());
        if (!n) return fail(n.error().message);
        if (o.json) std::cout << json{{"purged", *n}}.dump() << std::endl;
        else std::printf("purged the personal data of %d sent submission(s)\n", *n);
        return 0;
    }
    return usage();
}

}  // namespace

GUICHETCTL_COMMAND("outbox", "the durable queue of submissions and their sending", runOutbox);
