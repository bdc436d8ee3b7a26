#include "kiosk/upload/webhook_connector.hpp"

#include "drivers/common/log.hpp"
#include "kiosk/crypto/json_wipe.hpp"
#include "kiosk/upload/multipart_body.hpp"
#include "kiosk/upload/webhook_document.hpp"

namespace guichet::upload {

std::unique_ptr<WebhookConnector::Prepared> WebhookConnector::prepare(outbox::OutboxStore& store,
                                                                      const outbox::Entry& entry) {
    auto p = std::make_unique<Prepared>();
    const bool multipart = cfg_.format == "multipart";
    // Most demands have no attachment: their entry says so, no statement is run to learn it.
    auto metas = entry.attachmentCount > 0 ? store.attachments(entry.id) : std::vector<outbox::AttachmentMeta>{};
    std::string contentType = "application/json";
    if (!multipart && metas.empty()) {  // most demands: the document straight from the payload
        auto plain = store.loadPayload(entry);
        if (!plain) {
            p->failed = loadFailure(plain.error());  // corrupt or gone: rejected; busy, I/O: retried
            return p;
        }
        auto direct = webhookJsonFromPayload(entry, {reinterpret_cast<const char*>(plain->data()), plain->size()});
        secureWipe(*plain);
        if (direct) p->body = std::make_unique<StringBody>(std::move(*direct));
    }
    if (!p->body) {
        auto sub = store.loadSubmission(entry);
        if (!sub) {
            p->failed = loadFailure(sub.error());
            return p;
        }
        nlohmann::json doc = webhookDocument(*sub, entry, metas, multipart);
        std::string dumped = doc.dump();
        crypto::wipeJson(doc);
        if (multipart) {
            MultipartBuilder mp(store, entry);
            mp.addField("submission", dumped, "application/json");
            for (std::size_t i = 0; i < metas.size() && i < sub->attachments.size(); ++i)
                mp.addFile("attachment-" + std::to_string(i + 1), sub->attachments[i].name, metas[i].mediaType, metas[i]);
            contentType = mp.contentType();
            p->body = mp.finish();
        } else if (metas.empty()) {
            p->body = std::make_unique<StringBody>(std::move(dumped));  // the document is the body: no copy
        } else {
            p->body = streamJson(store, entry, dumped, metas);
        }
        sub->wipe();
        secureWipe(dumped);
    }

    HttpRequest& req = p->request;
    req.url = cfg_.url;
    req.body = p->body.get();
    req.headers = {"Content-Type: " + contentType,
                   "Idempotency-Key: " + entry.uuid,
                   "X-Guichet-Signature: sha256=" + hmacSha256Hex(cfg_.secret, *p->body),
                   "X-Guichet-Attempt: " + std::to_string(entry.attempts)};
    if (entry.ambiguous > 0) req.headers.push_back("X-Guichet-Possible-Duplicate: 1");
    return p;
}

SendOutcome WebhookConnector::send(outbox::OutboxStore& store, const outbox::Entry& entry) {
    auto p = prepare(store, entry);
    if (p->failed) return *p->failed;
    return readAnswer(perform(p->request, http_));
}

void WebhookConnector::sendEach(outbox::OutboxStore& store, const std::vector<outbox::Entry>& entries,
                                BatchSends& sends) {
    // in_flight = 1 goes through the same loop with one slot: still one request on the wire
    // at a time, but the next body is built (loaded, decrypted, signed) while the current
    // request travels instead of after its answer: that work leaves the request's path.
    if (!parallel_) parallel_ = std::make_unique<HttpParallel>(http_, http_.inFlight);
    std::vector<std::unique_ptr<Prepared>> inFlight(entries.size());  // by entry index
    // The next entry, prepared and not started: it starts only if mayStart() says so when a
    // slot is free; otherwise it is wiped below and its entry goes back to the queue as it
    // was (no outcome, no attempt counted). A load that failed waits here too, so that its
    // outcome is recorded at its turn, as if it had been prepared then.
    std::unique_ptr<Prepared> staged;
    std::size_t stagedIndex = 0, nextEntry = 0;
    auto stage = [&] {
        if (!staged && nextEntry < entries.size()) {
            stagedIndex = nextEntry++;
            staged = prepare(store, entries[stagedIndex]);
        }
        return staged != nullptr;
    };
    bool starting = true;
    for (;;) {
        // Fill the free slots. Until an answer has come back over this connector, one
        // request at a time: when the back office is unreachable, one attempt is counted,
        // not in_flight of them.
        while (starting && parallel_->hasFreeSlot() && (answering_ || parallel_->idle()) && stage()) {
            if (!sends.mayStart()) {
                starting = false;
                break;
            }
            auto p = std::move(staged);
            if (p->failed) {
                sends.done(stagedIndex, *p->failed);
                continue;
            }
            parallel_->submit(p->request, stagedIndex);  // on the wire before the next is built
            inFlight[stagedIndex] = std::move(p);
        }
        if (parallel_->idle()) break;
        // Every slot busy (or the first answer awaited): the next body is built now, while
        // the requests travel, instead of after the answer.
        if (starting && !staged && stage() && log::enabled(log::Level::Debug))
            log::debug("upload", "webhook: " + entries[stagedIndex].uuid +
                                     (staged->failed ? " could not be loaded (recorded at its turn)" : " prepared") +
                                     " while a request travels");
        auto [i, res] = parallel_->next();
        if (res.transferred) answering_ = true;
        else if (res.connectFailed) answering_ = false;
        sends.done(i, readAnswer(res));
        inFlight[i].reset();  // body and signature wiped now, not at the end of the batch
    }
    staged.reset();  // prepared, never started (stopped, offline): wiped now
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
