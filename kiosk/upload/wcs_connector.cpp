#include "kiosk/crypto/json_wipe.hpp"
#include "kiosk/upload/wcs_connector.hpp"

#include <sodium.h>

#include <ctime>
#include <limits>
#include <set>

#include "kiosk/scan/scan_attachment.hpp"
#include "kiosk/upload/document_answers.hpp"

namespace guichet::upload {

namespace {

nlohmann::json fileObject(const std::string& name, const std::string& type, nlohmann::json content) {
    return {{"filename", name}, {"content_type", type}, {"content", std::move(content)}};
}

std::string base64(const Bytes& b) {
    std::string s(sodium_base64_encoded_len(b.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(s.data(), s.size(), b.data(), b.size(), sodium_base64_VARIANT_ORIGINAL);
    s.resize(s.size() - 1);  // the terminating NUL
    return s;
}

}  // namespace

Result<nlohmann::json> WcsConnector::placeAnswers(outbox::OutboxStore& store, const outbox::Entry& entry,
                                                  const Submission& sub,
                                                  const std::vector<outbox::AttachmentMeta>& metas) const {
    const std::map<std::string, std::string>* mapping = nullptr;
    if (auto m = cfg_.fields.find(sub.procedureId); m != cfg_.fields.end()) mapping = &m->second;
    auto target = [&](const std::string& id) {
        if (!mapping) return id;
        auto t = mapping->find(id);
        return t == mapping->end() ? id : t->second;
    };
    nlohmann::json data = nlohmann::json::object();
    std::set<std::size_t> used;
    for (const auto& [id, answer] : sub.answers.items()) {
        auto files = documentAttachments(answer, sub.attachments);
        if (files.empty()) {
            data[target(id)] = answer;
            continue;
        }
        if (mapping && !mapping->count(id))
            return makeError(ErrorCode::InvalidArgument, "document field '" + id + "' of " + sub.procedureId +
                                                             " has no w.c.s. field in [connectors.wcs.fields." +
                                                             sub.procedureId + "]: refused rather than lost");
        for (std::size_t i : files) used.insert(i);
        if (files.size() == 1 && files[0] < metas.size()) {
            const auto i = files[0];
            data[target(id)] = fileObject(sub.attachments[i].name, metas[i].mediaType, attachmentPlaceholder(metas[i].index));
            continue;
        }
        // Several scanned pages, one w.c.s. file field: one PDF of every page, in order.
        std::vector<ScannedPage> pages;
        auto wipePages = [&] {
            for (auto& p : pages) secureWipe(p.jpeg);
        };
        for (std::size_t i : files) {
            if (i >= metas.size() || metas[i].mediaType != "image/jpeg") {
                wipePages();
                return makeError(ErrorCode::InvalidArgument, "document field '" + id +
                                                                 "' has several files that are not all JPEG pages: cannot make one PDF");
            }
            auto bytes = readAttachment(store, entry, metas[i]);
            if (!bytes) {
                wipePages();
                return bytes.error();
            }
            ScannedPage p;
            p.jpeg = std::move(*bytes);
            p.dpi = 300;
            pages.push_back(std::move(p));
        }
        scan::AttachmentPolicy policy;
        policy.format = scan::AttachmentFormat::Pdf;
        policy.maxBytes = std::numeric_limits<std::size_t>::max();  // the pages were already accepted
        policy.baseName = id;
        auto pdf = scan::makeScanAttachment(pages, policy);
        wipePages();
        if (!pdf) return pdf.error();
        std::string content = base64(pdf->data);
        secureWipe(pdf->data);
        data[target(id)] = fileObject(pdf->name, pdf->mediaType, content);
        secureWipe(content);
    }
    // Files no answer names (older submissions): fichier_<n>, as before.
    for (std::size_t i = 0; i < metas.size() && i < sub.attachments.size(); ++i)
        if (!used.count(i))
            data["fichier_" + std::to_string(i + 1)] =
                fileObject(sub.attachments[i].name, metas[i].mediaType, attachmentPlaceholder(metas[i].index));
    return data;
}

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
    auto placed = placeAnswers(store, entry, *sub, metas);
    if (!placed) {
        sub->wipe();
        out.kind = SendOutcome::Kind::Rejected;
        out.detail = placed.error().message;
        return out;
    }
    nlohmann::json data = std::move(*placed);
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
