#include "kiosk/outbox/outbox_config.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace guichet::outbox {
namespace {

// Reads a toml table with line-numbered errors; every key must be known (typos are errors).
class Reader {
public:
    Reader(std::string source, std::string baseDir) : source_(std::move(source)), baseDir_(std::move(baseDir)) {}

    std::string at(const toml::node& n) const {
        return source_ + ":" + std::to_string(n.source().begin.line);
    }

    Result<void> checkKeys(const toml::table& t, std::initializer_list<const char*> known) const {
        std::set<std::string> k(known.begin(), known.end());
        for (auto&& [key, value] : t)
            if (!k.count(std::string(key.str())))
                return makeError(ErrorCode::InvalidArgument, at(value) + ": unknown key '" + std::string(key.str()) + "'");
        return {};
    }

    Result<void> str(const toml::table& t, const char* key, std::string& out) const {
        const toml::node* n = t.get(key);
        if (!n) return {};
        if (!n->is_string()) return makeError(ErrorCode::InvalidArgument, at(*n) + ": '" + key + "' must be a string");
        out = n->as_string()->get();
        return {};
    }

    Result<void> path(const toml::table& t, const char* key, std::string& out) const {
        if (auto r = str(t, key, out); !r) return r;
        if (!out.empty() && out[0] != '/') out = (std::filesystem::path(baseDir_) / out).lexically_normal().string();
        return {};
    }

    Result<void> integer(const toml::table& t, const char* key, int& out, long lo, long hi) const {
        const toml::node* n = t.get(key);
        if (!n) return {};
        if (!n->is_integer()) return makeError(ErrorCode::InvalidArgument, at(*n) + ": '" + key + "' must be an integer");
        long v = static_cast<long>(n->as_integer()->get());
        if (v < lo || v > hi)
            return makeError(ErrorCode::InvalidArgument, at(*n) + ": '" + key + "' must be between " + std::to_string(lo) +
                                                             " and " + std::to_string(hi));
        out = static_cast<int>(v);
        return {};
    }

    Result<void> stringMap(const toml::table& t, const char* key, std::map<std::string, std::string>& out) const {
        const toml::node* n = t.get(key);
        if (!n) return {};
        if (!n->is_table()) return makeError(ErrorCode::InvalidArgument, at(*n) + ": '" + key + "' must be a table");
        for (auto&& [k, v] : *n->as_table()) {
            if (!v.is_string())
                return makeError(ErrorCode::InvalidArgument, at(v) + ": '" + std::string(k.str()) + "' must be a string");
            out[std::string(k.str())] = v.as_string()->get();
        }
        return {};
    }

    Result<void> require(const toml::table& t, const char* key, const std::string& value) const {
        if (!value.empty()) return {};
        return makeError(ErrorCode::InvalidArgument, at(t) + ": '" + key + "' is required in this section");
    }

private:
    std::string source_;
    std::string baseDir_;
};

#define TRY(expr)                      \
    do {                               \
        if (auto r_ = (expr); !r_) return r_.error(); \
    } while (0)

const toml::table* subTable(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    return n ? n->as_table() : nullptr;
}

Result<void> readConnectors(const Reader& rd, const toml::table& c, OutboxConfig& cfg) {
    TRY(rd.checkKeys(c, {"webhook", "open311", "wcs", "directory"}));
    if (auto* t = subTable(c, "webhook")) {
        WebhookConfig w;
        TRY(rd.checkKeys(*t, {"url", "secret", "format", "status_url"}));
        TRY(rd.str(*t, "url", w.url));
        TRY(rd.str(*t, "secret", w.secret));
        TRY(rd.str(*t, "format", w.format));
        TRY(rd.str(*t, "status_url", w.statusUrl));
        if (w.format != "json" && w.format != "multipart")
            return makeError(ErrorCode::InvalidArgument, rd.at(*t->get("format")) + ": 'format' must be json or multipart");
        TRY(rd.require(*t, "url", w.url));
        TRY(rd.require(*t, "secret", w.secret));
        cfg.webhook = w;
    }
    if (auto* t = subTable(c, "open311")) {
        Open311Config o;
        TRY(rd.checkKeys(*t, {"url", "api_key", "jurisdiction_id", "token_poll_ms", "media", "media_upload_url", "services"}));
        TRY(rd.str(*t, "url", o.url));
        TRY(rd.str(*t, "media", o.media));
        TRY(rd.str(*t, "media_upload_url", o.mediaUploadUrl));
        if (o.media != "auto" && o.media != "url" && o.media != "multipart" && o.media != "none")
            return makeError(ErrorCode::InvalidArgument, rd.at(*t->get("media")) + ": 'media' must be auto, url, multipart or none");
        if (o.media == "url" && o.mediaUploadUrl.empty())
            return makeError(ErrorCode::InvalidArgument, rd.at(*t->get("media")) + ": media = \"url\" needs 'media_upload_url'");
        TRY(rd.str(*t, "api_key", o.apiKey));
        TRY(rd.str(*t, "jurisdiction_id", o.jurisdictionId));
        TRY(rd.integer(*t, "token_poll_ms", o.tokenPollMs, 100, 86400000));
        TRY(rd.require(*t, "url", o.url));
        if (auto* services = subTable(*t, "services")) {
            for (auto&& [procedure, node] : *services) {
                const toml::table* s = node.as_table();
                if (!s) return makeError(ErrorCode::InvalidArgument, rd.at(node) + ": a service mapping must be a table");
                Open311Service svc;
                TRY(rd.checkKeys(*s, {"service_code", "service_codes", "fields", "attributes"}));
                TRY(rd.str(*s, "service_code", svc.serviceCode));
                TRY(rd.require(*s, "service_code", svc.serviceCode));
                TRY(rd.stringMap(*s, "service_codes", svc.serviceCodes));
                TRY(rd.stringMap(*s, "fields", svc.fields));
                TRY(rd.stringMap(*s, "attributes", svc.attributes));
                static const std::set<std::string> known = {"description", "lat", "long", "address_string", "address_id",
                                                            "email", "first_name", "last_name", "phone", "media_url",
                                                            "service_code", "media"};
                for (auto& [param, field] : svc.fields)
                    if (!known.count(param))
                        return makeError(ErrorCode::InvalidArgument,
                                         rd.at(*s) + ": '" + param + "' is not an Open311 request parameter");
                o.services[std::string(procedure.str())] = svc;
            }
        }
        cfg.open311 = o;
    }
    if (auto* t = subTable(c, "wcs")) {
        WcsConfig w;
        TRY(rd.checkKeys(*t, {"url", "orig", "key", "formdefs", "fields"}));
        TRY(rd.str(*t, "url", w.url));
        TRY(rd.str(*t, "orig", w.orig));
        TRY(rd.str(*t, "key", w.key));
        TRY(rd.stringMap(*t, "formdefs", w.formdefs));
        if (auto* fields = subTable(*t, "fields")) {
            for (auto&& [procedure, node] : *fields) {
                if (!node.is_table())
                    return makeError(ErrorCode::InvalidArgument, rd.at(node) + ": a w.c.s. field mapping must be a table");
                TRY(rd.stringMap(*fields, std::string(procedure.str()).c_str(), w.fields[std::string(procedure.str())]));
            }
        }
        TRY(rd.require(*t, "url", w.url));
        TRY(rd.require(*t, "orig", w.orig));
        TRY(rd.require(*t, "key", w.key));
        cfg.wcs = w;
    }
    if (auto* t = subTable(c, "directory")) {
        DirectoryConfig d;
        TRY(rd.checkKeys(*t, {"path"}));
        TRY(rd.path(*t, "path", d.path));
        TRY(rd.require(*t, "path", d.path));
        cfg.directory = d;
    }
    return {};
}

}  // namespace

Result<OutboxConfig> parseOutboxConfig(const std::string& text, const std::string& sourceName,
                                       const std::string& baseDir) {
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& e) {
        return makeError(ErrorCode::InvalidArgument,
                         sourceName + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    Reader rd(sourceName, baseDir);
    OutboxConfig cfg;
    TRY(rd.checkKeys(root, {"outbox", "upload", "routes", "connectors"}));
    if (auto* t = subTable(root, "outbox")) {
        TRY(rd.checkKeys(*t, {"database", "key_file", "retention_days", "integrity_check"}));
        TRY(rd.path(*t, "database", cfg.database));
        TRY(rd.path(*t, "key_file", cfg.keyFile));
        TRY(rd.integer(*t, "retention_days", cfg.retentionDays, 0, 3650));
        TRY(rd.str(*t, "integrity_check", cfg.integrityCheck));
        if (cfg.integrityCheck != "quick" && cfg.integrityCheck != "full" && cfg.integrityCheck != "off")
            return makeError(ErrorCode::InvalidArgument,
                             rd.at(*t->get("integrity_check")) + ": 'integrity_check' must be quick, full or off");
    }
    if (auto* t = subTable(root, "upload")) {
        TRY(rd.checkKeys(*t, {"backoff_base_ms", "backoff_cap_ms", "max_attempts", "connect_timeout_ms",
                              "request_timeout_ms", "ca_bundle", "probe_interval_ms", "in_flight"}));
        TRY(rd.integer(*t, "backoff_base_ms", cfg.backoff.baseMs, 1, 3600000));
        TRY(rd.integer(*t, "backoff_cap_ms", cfg.backoff.capMs, 1, 86400000));
        TRY(rd.integer(*t, "max_attempts", cfg.backoff.maxAttempts, 1, 100000));
        TRY(rd.integer(*t, "connect_timeout_ms", cfg.http.connectTimeoutMs, 10, 600000));
        TRY(rd.integer(*t, "request_timeout_ms", cfg.http.requestTimeoutMs, 10, 3600000));
        TRY(rd.integer(*t, "probe_interval_ms", cfg.http.probeIntervalMs, 10, 3600000));
        TRY(rd.integer(*t, "in_flight", cfg.http.inFlight, 1, 16));
        TRY(rd.path(*t, "ca_bundle", cfg.http.caBundle));
        if (cfg.backoff.capMs < cfg.backoff.baseMs)
            return makeError(ErrorCode::InvalidArgument, rd.at(*t) + ": backoff_cap_ms must be >= backoff_base_ms");
    }
    if (auto* n = root.get("routes")) {
        if (!n->is_table()) return makeError(ErrorCode::InvalidArgument, rd.at(*n) + ": 'routes' must be a table");
        TRY(rd.stringMap(root, "routes", cfg.routes));
        for (auto& [procedure, connector] : cfg.routes)
            if (connector != "webhook" && connector != "open311" && connector != "wcs" && connector != "directory")
                return makeError(ErrorCode::InvalidArgument, rd.at(*n->as_table()->get(procedure)) + ": unknown connector '" +
                                                                 connector + "' (webhook, open311, wcs, directory)");
    }
    if (auto* c = subTable(root, "connectors")) TRY(readConnectors(rd, *c, cfg));
    return cfg;
}

Result<OutboxConfig> loadOutboxConfig(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path + ": cannot read the configuration file");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string dir = std::filesystem::path(path).parent_path().string();
    return parseOutboxConfig(ss.str(), path, dir.empty() ? "." : dir);
}

}  // namespace guichet::outbox
