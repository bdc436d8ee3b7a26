#include "kiosk/scan/scanner_config.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "drivers/escl/scanner_connection.hpp"

namespace guichet::scan {

namespace {

std::string where(const std::string& source, const toml::source_region& r) {
    return source + ":" + std::to_string(r.begin.line);
}

// Reads an integer key within [lo, hi]; leaves `out` alone when the key is absent.
Result<void> readInt(const toml::table& t, const char* key, long long lo, long long hi, const std::string& src,
                     long long& out) {
    const toml::node* n = t.get(key);
    if (!n) return {};
    auto v = n->value<long long>();
    if (!v || !n->is_integer() || *v < lo || *v > hi)
        return makeError(ErrorCode::InvalidArgument, where(src, n->source()) + ": " + key + " must be an integer from " +
                                                         std::to_string(lo) + " to " + std::to_string(hi));
    out = *v;
    return {};
}

}  // namespace

Result<ScannerConfig> parseScannerConfig(std::string_view text, const std::string& src) {
    toml::table root;
    try {
        root = toml::parse(text, src);
    } catch (const toml::parse_error& e) {
        return makeError(ErrorCode::InvalidArgument, src + ":" + std::to_string(e.source().begin.line) + ": " +
                                                         std::string(e.description()));
    }
    ScannerConfig c;
    if (const toml::table* s = root["scanner"].as_table()) {
        if (const toml::node* d = s->get("device")) {
            auto v = d->value<std::string>();
            if (!v || !d->is_string())
                return makeError(ErrorCode::InvalidArgument, where(src, d->source()) + ": device must be a string");
            if (auto a = escl::parseScannerAddress(*v); !a)
                return makeError(ErrorCode::InvalidArgument, where(src, d->source()) + ": " + a.error().message);
            c.device = *v;
        }
        long long dpi = c.dpi, timeout = c.requestTimeout.count(), retries = c.retry.maxBusyRetries,
                  wait = c.retry.busyWait.count(), poll = c.statusPoll.count(), idlePoll = c.idleStatusPoll.count();
        for (auto r : {readInt(*s, "resolution", 75, 1200, src, dpi), readInt(*s, "request_timeout_ms", 100, 600000, src, timeout),
                       readInt(*s, "busy_retries", 0, 300, src, retries), readInt(*s, "busy_wait_ms", 10, 60000, src, wait),
                       readInt(*s, "status_poll_ms", 200, 600000, src, poll),
                       readInt(*s, "idle_status_poll_ms", 200, 3600000, src, idlePoll)}) {
            if (!r) return r.error();
        }
        c.dpi = static_cast<int>(dpi);
        c.requestTimeout = escl::Millis(timeout);
        c.retry = {static_cast<int>(retries), escl::Millis(wait)};
        c.statusPoll = escl::Millis(poll);
        c.idleStatusPoll = escl::Millis(idlePoll);
        if (const toml::node* sourceNode = s->get("source")) {
            auto v = sourceNode->value<std::string>();
            if (v && *v == "auto") c.feederWhenLoaded = true;
            else if (v && *v == "platen") c.feederWhenLoaded = false;
            else return makeError(ErrorCode::InvalidArgument,
                                  where(src, sourceNode->source()) + ": source must be \"auto\" or \"platen\"");
        }
        if (const toml::node* col = s->get("color")) {
            if (!col->is_boolean())
                return makeError(ErrorCode::InvalidArgument, where(src, col->source()) + ": color must be true or false");
            c.color = *col->value<bool>();
        }
    }
    if (const toml::table* a = root["attachment"].as_table()) {
        if (const toml::node* f = a->get("format")) {
            auto v = f->value<std::string>();
            if (v && *v == "pdf") c.attachment.format = AttachmentFormat::Pdf;
            else if (v && *v == "auto") c.attachment.format = AttachmentFormat::Auto;
            else return makeError(ErrorCode::InvalidArgument, where(src, f->source()) + ": format must be \"pdf\" or \"auto\"");
        }
        long long maxBytes = static_cast<long long>(c.attachment.maxBytes);
        if (auto r = readInt(*a, "max_bytes", 32 * 1024, 200LL * 1024 * 1024, src, maxBytes); !r) return r.error();
        c.attachment.maxBytes = static_cast<std::size_t>(maxBytes);
        if (const toml::node* n = a->get("name")) {
            auto v = n->value<std::string>();
            if (!v || v->empty() || v->find_first_of("/\\\0", 0, 3) != std::string::npos)
                return makeError(ErrorCode::InvalidArgument, where(src, n->source()) + ": name must be a plain file name");
            c.attachment.baseName = *v;
        }
    }
    return c;
}

Result<ScannerConfig> loadScannerConfig(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path + ": cannot read the scanner configuration");
    std::stringstream s;
    s << in.rdbuf();
    return parseScannerConfig(s.str(), path);
}

}  // namespace guichet::scan
