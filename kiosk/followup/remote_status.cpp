#include "kiosk/followup/remote_status.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "kiosk/upload/http_client.hpp"
#include "kiosk/upload/wcs_connector.hpp"

namespace guichet::followup {
namespace {

// A note from the town is shown on screen and spoken: keep it short whatever a server sends.
constexpr std::size_t kMaxText = 280;

std::string text(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key)) return {};
    const auto& v = j[key];
    std::string s = v.is_string() ? v.get<std::string>() : (v.is_null() ? std::string() : v.dump());
    if (s.size() > kMaxText) {
        s.resize(kMaxText);
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();  // whole UTF-8
        if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
        s += "…";
    }
    return s;
}

RemoteStatus malformed(const std::string& why) {
    RemoteStatus r;
    r.kind = RemoteStatus::Kind::Unreachable;
    r.detail = why;
    return r;
}

RemoteStatus fromHttp(const upload::HttpResponse& res, RemoteStatus (*parse)(const std::string&)) {
    if (!res.transferred) return malformed(res.error.empty() ? "no answer" : res.error);
    if (res.status != 200) return malformed("HTTP " + std::to_string(res.status));
    return parse(res.body);
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
    return s;
}

std::string nonce() {
    unsigned char b[8];
    randombytes_buf(b, sizeof b);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : b) { out.push_back(hex[c >> 4]); out.push_back(hex[c & 15]); }
    return out;
}

}  // namespace

RemoteStatus parseOpen311Status(const std::string& body) {
    // GeoReport v2 answers GET requests/<id>.json with an array of one service request.
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) return malformed("Open311: the answer is not JSON");
    const nlohmann::json* req = &j;
    if (j.is_array()) {
        if (j.empty() || !j[0].is_object()) return malformed("Open311: empty answer");
        req = &j[0];
    }
    if (!req->is_object() || !req->contains("status")) return malformed("Open311: no status in the answer");
    RemoteStatus r;
    r.kind = RemoteStatus::Kind::Answered;
    r.status = text(*req, "status");
    r.closed = r.status == "closed";
    r.message = text(*req, "status_notes");
    r.updatedAt = text(*req, "updated_datetime");
    return r;
}

RemoteStatus parseWcsStatus(const std::string& body) {
    // w.c.s. GET api/forms/<slug>/<id>/: {"workflow": {"status": {"id", "name"}}, "last_update_time"}.
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return malformed("w.c.s.: the answer is not a JSON object");
    if (!j.contains("workflow") || !j["workflow"].is_object() || !j["workflow"].contains("status") ||
        !j["workflow"]["status"].is_object())
        return malformed("w.c.s.: no workflow status in the answer");
    RemoteStatus r;
    r.kind = RemoteStatus::Kind::Answered;
    r.status = text(j["workflow"]["status"], "name");
    // w.c.s. marks the end of a workflow with "endpoint" statuses; a form's "closed" flag too.
    r.closed = (j["workflow"]["status"].value("endpoint", false)) || j.value("closed", false);
    r.updatedAt = text(j, "last_update_time");
    return r;
}

RemoteStatus parseWebhookStatus(const std::string& body) {
    // The integrator's own endpoint: {"status": "...", "message": "...", "updated_at": "...", "closed": bool}.
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("status")) return malformed("status answer without \"status\"");
    RemoteStatus r;
    r.kind = RemoteStatus::Kind::Answered;
    r.status = text(j, "status");
    r.message = text(j, "message");
    r.updatedAt = text(j, "updated_at");
    r.closed = j.value("closed", false) || r.status == "closed" || r.status == "done";
    return r;
}

RemoteStatus fetchRemoteStatus(const outbox::OutboxConfig& config, const outbox::Entry& entry) {
    try {
        if (entry.connector == "open311" && config.open311 && !entry.remoteId.empty()) {
            upload::HttpRequest req;
            req.method = "GET";
            req.url = config.open311->url + "/requests/" + upload::urlEncode(entry.remoteId) + ".json";
            if (!config.open311->jurisdictionId.empty())
                req.url += "?jurisdiction_id=" + upload::urlEncode(config.open311->jurisdictionId);
            return fromHttp(upload::perform(req, config.http), parseOpen311Status);
        }
        if (entry.connector == "wcs" && config.wcs && !entry.remoteId.empty()) {
            auto slug = config.wcs->formdefs.find(entry.procedureId);
            if (slug == config.wcs->formdefs.end()) return {};
            const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
            upload::HttpRequest req;
            req.method = "GET";
            req.url = config.wcs->url + "/api/forms/" + upload::urlEncode(slug->second) + "/" +
                      upload::urlEncode(entry.remoteId) + "/?" +
                      upload::WcsConnector::signedQuery(config.wcs->orig, config.wcs->key, now, nonce());
            return fromHttp(upload::perform(req, config.http), parseWcsStatus);
        }
        if (entry.connector == "webhook" && config.webhook && !config.webhook->statusUrl.empty()) {
            upload::HttpRequest req;
            req.method = "GET";
            std::string url = replaceAll(config.webhook->statusUrl, "{uuid}", upload::urlEncode(entry.uuid));
            url = replaceAll(url, "{reference}", upload::urlEncode(entry.reference));
            req.url = replaceAll(url, "{remote_id}", upload::urlEncode(entry.remoteId));
            return fromHttp(upload::perform(req, config.http), parseWebhookStatus);
        }
        if (entry.connector == "directory" && config.directory) {
            // Staff may drop a status.json (same shape as the webhook's) in the demand's folder.
            std::ifstream in(config.directory->path + "/" + entry.uuid + "/status.json");
            if (!in) return {};
            std::stringstream ss;
            ss << in.rdbuf();
            return parseWebhookStatus(ss.str());
        }
    } catch (const std::exception& e) {
        return malformed(e.what());
    }
    return {};
}

}  // namespace guichet::followup
