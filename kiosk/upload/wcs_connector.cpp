#include "kiosk/crypto/json_wipe.hpp"
#include "kiosk/upload/wcs_connector.hpp"

#include <sodium.h>

#include <ctime>

namespace guichet::upload {

std::string WcsConnector::signedQuery(const std::string& orig, const std::string& key, std::int64_t unixSeconds,
                                      const std::string& nonce) {
    char stamp[32];
    std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm {};
    gmtime_r(&t, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string query = "algo=sha256&orig=" + urlEncode(orig) + "&timestamp=" + urlEncode(stamp) + "&nonce=" + nonce;
    return query + "&signature=" + urlEncode(hmacSha256Base64(key, query));
}

SendOutcome WcsConnector::send(outbox::OutboxStore& store, const outbox::Entry& entry) {
    SendOutcome out;
    auto slug = cfg_.formdefs.find(entry.procedureId);
    if (slug == cfg_.formdefs.end()) {
        out.kind = SendOutcome::Kind::Rejected;
        out.detail = "no formdef slug for procedure " + entry.procedureId + " in [connectors.wcs.formdefs]";
        return out;
    }
    auto sub = store.loadSubmission(entry);
    if (!sub) return loadFailure(sub.error());  // corrupt or gone: rejected; busy, I/O: retried
    auto metas = store.attachments(entry.id);
    nlohmann::json data = sub->answers;
    // A file goes into the answer field that names it (the wizard's upload step stores the
    // file name there); otherwise into fichier_<n>.
    for (std::size_t i = 0; i < metas.size(); ++i) {
        const std::string& fileName = sub->attachments[i].name;
        nlohmann::json file = {{"filename", fileName},
                               {"content_type", metas[i].mediaType},
                               {"content", attachmentPlaceholder(metas[i].index)}};
        std::string target = "fichier_" + std::to_string(i + 1);
        for (auto& [k, v] : data.items())
            if (v.is_string() && v.get<std::string>() == fileName) target = k;
        data[target] = file;
    }
    nlohmann::json doc = {{"data", data},
                          {"meta", {{"draft", false}}},
                          {"context", {{"channel", "kiosk"}, {"comments", "Guichet " + sub->reference + " " + sub->uuid}}}};
    std::string dumped = doc.dump();
    sub->wipe();
    crypto::wipeJson(data);
    crypto::wipeJson(doc);
    auto body = streamJson(store, entry, dumped, metas);
    secureWipe(dumped);

    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char nonce[33];
    sodium_bin2hex(nonce, sizeof nonce, raw, sizeof raw);
    HttpRequest req;
    req.url = cfg_.url + "/api/formdefs/" + urlEncode(slug->second) + "/submit?" +
              signedQuery(cfg_.orig, cfg_.key, static_cast<std::int64_t>(std::time(nullptr)), nonce);
    req.body = body.get();
    req.headers = {"Content-Type: application/json", "Accept: application/json", "Idempotency-Key: " + entry.uuid};
    HttpResponse res = perform(req, http_);
    return readAnswer(res);
}

SendOutcome WcsConnector::readAnswer(const HttpResponse& res) {
    SendOutcome out;
    std::string errDesc;
    try {
        auto j = nlohmann::json::parse(res.body);
        if (j.is_object() && j.value("err", 0) != 0) errDesc = j.value("err_desc", std::string("err=1"));
        if (j.is_object() && j.value("err", 1) == 0 && res.status >= 200 && res.status < 300) {
            out.kind = SendOutcome::Kind::Sent;
            out.httpStatus = res.status;
            if (j.contains("data") && j["data"].is_object() && j["data"].contains("id"))
                out.remoteId = j["data"]["id"].is_string() ? j["data"]["id"].get<std::string>() : j["data"]["id"].dump();
            return out;
        }
    } catch (const nlohmann::json::exception&) {
    }
    if (auto failure = classifyFailure(res)) {
        if (!errDesc.empty()) failure->detail += ": " + errDesc;
        if (res.status == 403) failure->detail += " (check orig and key in [connectors.wcs])";
        return *failure;
    }
    // 2xx with err=1 is a refusal; 2xx without readable JSON may have been recorded.
    out.httpStatus = res.status;
    if (!errDesc.empty()) {
        out.kind = SendOutcome::Kind::Rejected;
        out.detail = "w.c.s. refused: " + errDesc;
    } else {
        out.kind = SendOutcome::Kind::Retry;
        out.ambiguous = true;
        out.detail = "HTTP " + std::to_string(res.status) + " without a w.c.s. answer";
    }
    return out;
}

}  // namespace guichet::upload
