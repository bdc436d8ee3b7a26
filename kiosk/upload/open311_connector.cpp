#include "kiosk/upload/open311_connector.hpp"

#include <cmath>
#include <variant>

#include "kiosk/upload/document_answers.hpp"
#include "kiosk/upload/multipart_body.hpp"

namespace guichet::upload {
namespace {

constexpr std::size_t kDescriptionChars = 4000;  // GeoReport v2, POST Service Request

std::string valueText(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    // A whole number typed in a decimal field (2.0) is "2" for GeoReport, not "2.0".
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    }
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_null()) return "";
    return v.dump();
}

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void add(std::string& body, const std::string& key, const std::string& value) {
    if (!body.empty()) body += '&';
    body += urlEncode(key) + "=" + urlEncode(value);
}

// [{"code":400,"description":"..."}] -> "400: ..." (the first error).
std::string errorText(const std::string& answer) {
    try {
        auto j = nlohmann::json::parse(answer);
        if (j.is_array() && !j.empty() && j[0].is_object())
            return valueText(j[0].value("code", nlohmann::json(""))) + ": " + valueText(j[0].value("description", nlohmann::json("")));
    } catch (const nlohmann::json::exception&) {
    }
    return "no error description";
}

SendOutcome rejected(std::string detail) {
    SendOutcome out;
    out.kind = SendOutcome::Kind::Rejected;
    out.detail = std::move(detail);
    return out;
}

void wipeParams(FormParams& params) {
    for (auto& [k, v] : params) secureWipe(v);
    params.clear();
}

}  // namespace

std::size_t utf8Length(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += !isContinuation(c);
    return n;
}

std::string open311Description(const std::string& text, const std::string& marker) {
    std::string s = text;
    for (char& c : s)  // plain text: no markup reaches the back office's pages
        if (c == '<' || c == '>') c = ' ';
    const std::string sep = "\n\n";
    std::size_t room = kDescriptionChars - utf8Length(sep) - utf8Length(marker);
    if (utf8Length(s) > room) {
        const std::string ellipsis = "\u2026";
        std::size_t keep = room - 1, chars = 0, cut = 0;
        while (cut < s.size()) {
            if (!isContinuation(s[cut])) {
                if (chars == keep) break;
                ++chars;
            }
            ++cut;
        }
        s.resize(cut);
        s += ellipsis;
    }
    return s + sep + marker;
}

std::string Open311Connector::mediaMode() const {
    if (cfg_.media == "auto") return cfg_.mediaUploadUrl.empty() ? "multipart" : "url";
    return cfg_.media;
}

Result<FormParams> Open311Connector::requestParams(const Submission& sub) const {
    auto it = cfg_.services.find(sub.procedureId);
    if (it == cfg_.services.end())
        return makeError(ErrorCode::NotFound, "no [connectors.open311.services." + sub.procedureId + "] mapping");
    const auto& svc = it->second;
    FormParams p;
    p.emplace_back("api_key", cfg_.apiKey);
    if (!cfg_.jurisdictionId.empty()) p.emplace_back("jurisdiction_id", cfg_.jurisdictionId);
    // The resident's choice picks the service; the configured code is the default.
    std::string code = svc.serviceCode;
    if (auto f = svc.fields.find("service_code"); f != svc.fields.end() && sub.answers.contains(f->second)) {
        std::string choice = valueText(sub.answers[f->second]);
        if (svc.serviceCodes.empty()) code = choice;
        else if (auto m = svc.serviceCodes.find(choice); m != svc.serviceCodes.end()) code = m->second;
    }
    p.emplace_back("service_code", code);
    bool located = false;
    for (const auto& [param, field] : svc.fields) {
        if (param == "service_code" || param == "media" || !sub.answers.contains(field)) continue;
        std::string v = valueText(sub.answers[field]);
        if (param == "description")  // the UUID rides in a business field: staff can match a duplicate
            v = open311Description(v, "[Guichet " + sub.reference + " " + sub.uuid + "]");
        if (param == "lat" || param == "address_string" || param == "address_id") located = true;
        p.emplace_back(param, std::move(v));
    }
    if (!located) {
        wipeParams(p);
        return makeError(ErrorCode::InvalidArgument, "Open311 needs lat/long, address_string or address_id: none answered");
    }
    for (const auto& [code, field] : svc.attributes) {
        if (!sub.answers.contains(field)) continue;
        const auto& v = sub.answers[field];
        if (v.is_array())
            for (const auto& item : v) p.emplace_back("attribute[" + code + "][]", valueText(item));
        else
            p.emplace_back("attribute[" + code + "]", valueText(v));
    }
    return p;
}

Result<std::string> Open311Connector::formBody(const Submission& sub) const {
    auto params = requestParams(sub);
    if (!params) return params.error();
    std::string body;
    for (const auto& [k, v] : *params) add(body, k, v);
    wipeParams(*params);
    return body;
}

std::variant<std::string, SendOutcome> Open311Connector::uploadMedia(outbox::OutboxStore& store,
                                                                     const outbox::Entry& entry, const Attachment& file,
                                                                     const outbox::AttachmentMeta& meta) {
    MultipartBuilder mp(store, entry);
    mp.addFile("file", file.name, meta.mediaType, meta);
    auto body = mp.finish();
    HttpRequest req;
    req.url = cfg_.mediaUploadUrl;
    req.body = body.get();
    req.headers = {"Content-Type: " + mp.contentType(), "Accept: application/json", "Idempotency-Key: " + entry.uuid + "-media"};
    HttpResponse res = perform(req, http_);
    if (auto failure = classifyFailure(res)) {
        failure->detail = "photo upload to media_upload_url: " + failure->detail;
        return *failure;
    }
    try {
        auto j = nlohmann::json::parse(res.body);
        if (j.is_object() && j.contains("url") && j["url"].is_string() && !j["url"].get<std::string>().empty())
            return j["url"].get<std::string>();
    } catch (const nlohmann::json::exception&) {
    }
    SendOutcome out;  // stored, but where? Retrying uploads it again (an orphan copy at worst).
    out.kind = SendOutcome::Kind::Retry;
    out.httpStatus = res.status;
    out.detail = "photo upload: HTTP " + std::to_string(res.status) + " without {\"url\": ...} in the answer";
    return out;
}

SendOutcome Open311Connector::send(outbox::OutboxStore& store, const outbox::Entry& entry) {
    SendOutcome out;
    auto sub = store.loadSubmission(entry);
    if (!sub) return loadFailure(sub.error());  // corrupt or gone: rejected; busy, I/O: retried
    auto params = requestParams(*sub);
    // The photo: the first image the media field's answer names (else its first file).
    std::optional<std::size_t> photo;
    auto svc = cfg_.services.find(entry.procedureId);
    if (params && svc != cfg_.services.end() && mediaMode() != "none") {
        if (auto f = svc->second.fields.find("media"); f != svc->second.fields.end() && sub->answers.contains(f->second)) {
            auto files = documentAttachments(sub->answers[f->second], sub->attachments);
            for (std::size_t i : files)
                if (!photo && sub->attachments[i].mediaType.rfind("image/", 0) == 0) photo = i;
            if (!photo && !files.empty()) photo = files.front();
        }
    }
    std::vector<Attachment> names = sub->attachments;  // names and types only: no data is loaded
    sub->wipe();
    if (!params) return rejected(params.error().message);
    auto metas = store.attachments(entry.id);
    if (photo && *photo >= metas.size()) photo.reset();

    std::unique_ptr<BodySource> body;
    std::string contentType = "application/x-www-form-urlencoded; charset=utf-8";
    if (photo && mediaMode() == "url") {
        auto uploaded = uploadMedia(store, entry, names[*photo], metas[*photo]);
        if (auto* failed = std::get_if<SendOutcome>(&uploaded)) {
            wipeParams(*params);
            return *failed;
        }
        params->emplace_back("media_url", std::get<std::string>(uploaded));
    }
    if (photo && mediaMode() == "multipart") {
        MultipartBuilder mp(store, entry);
        for (const auto& [k, v] : *params) mp.addField(k, v);
        mp.addFile("media", names[*photo].name, metas[*photo].mediaType, metas[*photo]);
        contentType = mp.contentType();
        body = mp.finish();
    } else {
        std::string form;
        for (const auto& [k, v] : *params) add(form, k, v);
        body = std::make_unique<StringBody>(std::move(form));
    }
    wipeParams(*params);
    HttpRequest req;
    req.url = cfg_.url + "/requests.json";
    req.body = body.get();
    req.headers = {"Content-Type: " + contentType, "Idempotency-Key: " + entry.uuid};
    HttpResponse res = perform(req, http_);
    return readAnswer(res, entry.procedureId);
}

SendOutcome Open311Connector::readAnswer(const HttpResponse& res, const std::string& procedureId) {
    SendOutcome out;
    if (auto failure = classifyFailure(res)) {
        if (failure->kind == SendOutcome::Kind::Rejected) {
            failure->detail += " " + errorText(res.body);
            if (res.status == 403) failure->detail += " (check api_key in [connectors.open311])";
            if (res.status == 404) failure->detail += " (check the service_code of " + procedureId + ")";
        }
        return *failure;
    }
    try {
        auto j = nlohmann::json::parse(res.body);
        if (j.is_array() && !j.empty() && j[0].is_object()) {
            const auto& first = j[0];
            if (first.contains("service_request_id")) {
                out.kind = SendOutcome::Kind::Sent;
                out.remoteId = valueText(first["service_request_id"]);
            } else if (first.contains("token")) {
                out.kind = SendOutcome::Kind::Sent;
                out.remoteToken = valueText(first["token"]);
            }
            out.httpStatus = res.status;
            if (out.kind == SendOutcome::Kind::Sent) return out;
        }
    } catch (const nlohmann::json::exception&) {
    }
    // A 2xx we cannot read: it was probably created, so the retry may duplicate it.
    out.kind = SendOutcome::Kind::Retry;
    out.ambiguous = true;
    out.httpStatus = res.status;
    out.detail = "HTTP " + std::to_string(res.status) + " with an answer that is neither service_request_id nor token";
    return out;
}

std::optional<std::string> Open311Connector::resolveToken(const outbox::Entry& entry) {
    HttpRequest req;
    req.method = "GET";
    std::string url = cfg_.url + "/tokens/" + urlEncode(entry.remoteToken) + ".json";
    if (!cfg_.jurisdictionId.empty()) url += "?jurisdiction_id=" + urlEncode(cfg_.jurisdictionId);
    req.url = url;
    HttpResponse res = perform(req, http_);
    if (!res.transferred || res.status != 200) return std::nullopt;
    return readTokenAnswer(res.body);
}

std::optional<std::string> Open311Connector::readTokenAnswer(const std::string& body) {
    try {
        auto j = nlohmann::json::parse(body);
        if (j.is_array() && !j.empty() && j[0].is_object() && j[0].contains("service_request_id") &&
            !j[0]["service_request_id"].is_null())
            return valueText(j[0]["service_request_id"]);
    } catch (const nlohmann::json::exception&) {
    }
    return std::nullopt;
}

}  // namespace guichet::upload
