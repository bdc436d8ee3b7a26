#include "kiosk/crypto/json_wipe.hpp"
#include "kiosk/upload/webhook_connector.hpp"

#include "kiosk/upload/multipart_body.hpp"

namespace guichet::upload {

SendOutcome WebhookConnector::send(outbox::OutboxStore& store, const outbox::Entry& entry) {
    auto sub = store.loadSubmission(entry);
    if (!sub) return loadFailure(sub.error());  // corrupt or gone: rejected; busy, I/O: retried
    auto metas = store.attachments(entry.id);
    const bool multipart = cfg_.format == "multipart";
    nlohmann::json doc = sub->toJson();
    for (std::size_t i = 0; i < metas.size() && i < doc["attachments"].size(); ++i) {
        doc["attachments"][i]["size"] = metas[i].size;
        if (multipart)  // the part that holds this file's bytes
            doc["attachments"][i]["part"] = "attachment-" + std::to_string(i + 1);
        else
            doc["attachments"][i]["content_base64"] = attachmentPlaceholder(metas[i].index);
    }
    doc["attempt"] = entry.attempts;
    doc["possible_duplicate"] = entry.ambiguous > 0;
    std::string dumped = doc.dump();
    crypto::wipeJson(doc);
    std::unique_ptr<StreamedJsonBody> body;
    std::string contentType = "application/json";
    if (multipart) {
        MultipartBuilder mp(store, entry);
        mp.addField("submission", dumped, "application/json");
        for (std::size_t i = 0; i < metas.size() && i < sub->attachments.size(); ++i)
            mp.addFile("attachment-" + std::to_string(i + 1), sub->attachments[i].name, metas[i].mediaType, metas[i]);
        contentType = mp.contentType();
        body = mp.finish();
    } else {
        body = streamJson(store, entry, dumped, metas);
    }
    sub->wipe();
    secureWipe(dumped);

    HttpRequest req;
    req.url = cfg_.url;
    req.body = body.get();
    req.headers = {"Content-Type: " + contentType,
                   "Idempotency-Key: " + entry.uuid,
                   "X-Guichet-Signature: sha256=" + hmacSha256Hex(cfg_.secret, *body),
                   "X-Guichet-Attempt: " + std::to_string(entry.attempts)};
    if (entry.ambiguous > 0) req.headers.push_back("X-Guichet-Possible-Duplicate: 1");
    HttpResponse res = perform(req, http_);
    return readAnswer(res);
}

SendOutcome WebhookConnector::readAnswer(const HttpResponse& res) {
    SendOutcome out;
    if (auto failure = classifyFailure(res)) {
        if (res.status == 409) {  // already received (an earlier, ambiguous attempt got through)
            out.kind = SendOutcome::Kind::Sent;
            out.httpStatus = 409;
            out.detail = "already received";
            return out;
        }
        return *failure;
    }
    out.kind = SendOutcome::Kind::Sent;
    out.httpStatus = res.status;
    try {
        auto j = nlohmann::json::parse(res.body);
        if (j.is_object() && j.contains("id")) out.remoteId = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
    } catch (const nlohmann::json::exception&) {
        // A 2xx without a JSON id is still an acknowledgement.
    }
    return out;
}

}  // namespace guichet::upload
