#include "kiosk/upload/open311_connector.hpp"

namespace guichet::upload {
namespace {

std::string valueText(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_null()) return "";
    return v.dump();
}

// GeoReport: description is plain text of at most 4000 characters (UTF-8 cut safely).
std::string plainDescription(std::string s) {
    for (char& c : s)
        if (c == '<' || c == '>') c = ' ';
    if (s.size() > 4000) {
        std::size_t cut = 4000;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        s.resize(cut);
    }
    return s;
}

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

}  // namespace

Result<std::string> Open311Connector::formBody(const Submission& sub) const {
    auto it = cfg_.services.find(sub.procedureId);
    if (it == cfg_.services.end())
        return makeError(ErrorCode::NotFound, "no [connectors.open311.services." + sub.procedureId + "] mapping");
    const auto& svc = it->second;
    std::string body;
    add(body, "api_key", cfg_.apiKey);
    if (!cfg_.jurisdictionId.empty()) add(body, "jurisdiction_id", cfg_.jurisdictionId);
    add(body, "service_code", svc.serviceCode);
    bool located = false;
    for (const auto& [param, field] : svc.fields) {
        if (!sub.answers.contains(field)) continue;
        std::string v = valueText(sub.answers[field]);
        if (param == "description") {
            // The UUID rides in a business field: staff can match a duplicate to its original.
            v = plainDescription(v + "\n\n[Guichet " + sub.reference + " " + sub.uuid + "]");
        }
        if (param == "lat" || param == "address_string" || param == "address_id") located = true;
        add(body, param, v);
        secureWipe(v);
    }
    if (!located)
        return makeError(ErrorCode::InvalidArgument, "Open311 needs lat/long, address_string or address_id: none answered");
    for (const auto& [code, field] : svc.attributes) {
        if (!sub.answers.contains(field)) continue;
        const auto& v = sub.answers[field];
        if (v.is_array())
            for (const auto& item : v) add(body, "attribute[" + code + "][]", valueText(item));
        else
            add(body, "attribute[" + code + "]", valueText(v));
    }
    return body;
}

SendOutcome Open311Connector::send(outbox::OutboxStore& store, const outbox::Entry& entry) {
    SendOutcome out;
    auto sub = store.loadSubmission(entry);
    if (!sub) return loadFailure(sub.error());  // corrupt or gone: rejected; busy, I/O: retried
    auto form = formBody(*sub);
    sub->wipe();
    if (!form) {
        out.kind = SendOutcome::Kind::Rejected;
        out.detail = form.error().message;
        return out;
    }
    StringBody body(std::move(*form));
    HttpRequest req;
    req.url = cfg_.url + "/requests.json";
    req.body = &body;
    req.headers = {"Content-Type: application/x-www-form-urlencoded; charset=utf-8", "Idempotency-Key: " + entry.uuid};
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
