#include "kiosk/upload/http_exchange.hpp"

#include "kiosk/upload/curl_api.hpp"

#include <cstring>
#include <mutex>

#include "drivers/common/wiping_heap.hpp"

namespace guichet::upload {
namespace {

constexpr std::size_t kMaxAnswer = 64 * 1024;

char* wipingStrdup(const char* s) {
    const std::size_t n = std::strlen(s) + 1;
    auto* d = static_cast<char*>(wipingMalloc(n));
    if (d) std::memcpy(d, s, n);
    return d;
}

using Transfer = HttpExchange::Transfer;

std::size_t onRead(char* buf, std::size_t size, std::size_t nitems, void* user) {
    auto* t = static_cast<Transfer*>(user);
    auto r = t->body->read(buf, size * nitems);
    if (!r) {
        t->bodyFailed = true;
        return CURL_READFUNC_ABORT;
    }
    t->sent += *r;
    return *r;
}

int onSeek(void* user, curl_off_t offset, int origin) {
    auto* t = static_cast<Transfer*>(user);
    // curl rewinds only to the start (a kept-alive connection found closed, a redirect or
    // an auth retry); anything else is refused.
    if (origin != SEEK_SET || offset != 0) return CURL_SEEKFUNC_CANTSEEK;
    if (!t->body->rewind()) return CURL_SEEKFUNC_FAIL;
    t->sent = 0;
    return CURL_SEEKFUNC_OK;
}

std::size_t onWrite(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t k = size * n;
    if (k > t->cap - t->answer.size()) t->truncated = true;
    if (t->answer.size() < t->cap) t->answer.append(data, std::min(k, t->cap - t->answer.size()));
    return k;
}

bool sameConfig(const outbox::HttpConfig& a, const outbox::HttpConfig& b) {
    return a.connectTimeoutMs == b.connectTimeoutMs && a.requestTimeoutMs == b.requestTimeoutMs &&
           a.caBundle == b.caBundle;
}

// Reads a whole (small) body into out; false if the outbox could not be read.
bool readWhole(BodySource& body, std::string& out) {
    out.resize(body.size());
    std::size_t done = 0;
    if (!body.rewind()) return false;
    while (done < out.size()) {
        auto n = body.read(out.data() + done, out.size() - done);
        if (!n) return false;
        if (*n == 0) break;
        done += *n;
    }
    out.resize(done);
    return done == body.size();
}

}  // namespace

const CurlApi* httpGlobalInit() {
    static std::once_flag once;
    const CurlApi* api = curlApi();
    if (!api) return nullptr;
    std::call_once(once, [api] {
        api->global_init_mem(CURL_GLOBAL_DEFAULT, wipingMalloc, wipingFree, wipingRealloc, wipingStrdup, wipingCalloc);
    });
    return api;
}

HttpExchange::HttpExchange() : api_(httpGlobalInit()) {
    if (api_) c_ = api_->easy_init();
}

std::string httpUnavailable() { return curlLoadError(); }

CURLcode HttpExchange::perform() { return api_->easy_perform(c_); }

HttpExchange::~HttpExchange() {
    resetTransfer();
    if (c_) api_->easy_cleanup(c_);
}

void HttpExchange::configure(const outbox::HttpConfig& cfg) {
    if (!c_ || (configured_ && sameConfig(cfg, applied_))) return;
    // Another configuration on this thread (rare: the catalogue import, then the outbox):
    // start from libcurl's defaults so that nothing of the previous one stays.
    if (configured_) api_->easy_reset(c_);
    CURL* c = c_;
    api_->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    // Headers and a streamed body leave in separate writes: without NODELAY, Nagle holds
    // the body until the server's delayed ACK (40 ms a request on loopback).
    api_->easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
    api_->easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(cfg.connectTimeoutMs));
    api_->easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(cfg.requestTimeoutMs));
    // TLS verification is never switched off; only the CA bundle can be chosen.
    api_->easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    api_->easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    // Only when one is configured: NULL would drop libcurl's built-in system bundle (a
    // change of configuration reset the handle above, restoring it).
    if (!cfg.caBundle.empty()) api_->easy_setopt(c, CURLOPT_CAINFO, cfg.caBundle.c_str());
    api_->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    api_->easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    api_->easy_setopt(c, CURLOPT_USERAGENT, "Guichet-outbox/0.1");
    api_->easy_setopt(c, CURLOPT_WRITEFUNCTION, onWrite);
    api_->easy_setopt(c, CURLOPT_WRITEDATA, &t_);
    api_->easy_setopt(c, CURLOPT_READFUNCTION, onRead);
    api_->easy_setopt(c, CURLOPT_READDATA, &t_);
    api_->easy_setopt(c, CURLOPT_SEEKFUNCTION, onSeek);
    api_->easy_setopt(c, CURLOPT_SEEKDATA, &t_);
    applied_ = cfg;
    configured_ = true;
}

bool HttpExchange::start(const HttpRequest& req) {
    resetTransfer();
    req_ = &req;
    t_.body = req.body;
    t_.cap = req.maxAnswerBytes ? req.maxAnswerBytes : kMaxAnswer;
    CURL* c = c_;
    api_->easy_setopt(c, CURLOPT_URL, req.url.c_str());
    for (const auto& h : req.headers) headers_ = api_->slist_append(headers_, h.c_str());
    headers_ = api_->slist_append(headers_, "Expect:");  // no 100-continue round trip
    api_->easy_setopt(c, CURLOPT_HTTPHEADER, headers_);
    // Every per-request option is set each time (the handle is not reset): a GET after a
    // POST must not carry the POST's body, a POST after a PUT not its method.
    api_->easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method != "POST" && req.method != "GET" ? req.method.c_str() : nullptr);
    if (req.method == "GET" || !req.body) {
        api_->easy_setopt(c, CURLOPT_POSTFIELDS, nullptr);
        api_->easy_setopt(c, CURLOPT_HTTPGET, 1L);
        if (req.method != "GET") {  // a POST without a body
            api_->easy_setopt(c, CURLOPT_POST, 1L);
            api_->easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t{0});
            api_->easy_setopt(c, CURLOPT_POSTFIELDS, "");
        }
        return true;
    }
    const std::size_t size = req.body->size();
    api_->easy_setopt(c, CURLOPT_POST, 1L);
    api_->easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(size));
    const std::string* whole = req.body->whole();
    if (whole || size <= kBufferedMax) {
        if (!whole) {
            if (!readWhole(*req.body, buffered_)) {
                readFailed_ = true;
                return false;
            }
            whole = &buffered_;
        }
        // POSTFIELDS, not COPYPOSTFIELDS: curl reads our bytes in place (no copy to wipe).
        api_->easy_setopt(c, CURLOPT_POSTFIELDS, whole->data());
        bufferedUsed_ = true;
    } else {
        api_->easy_setopt(c, CURLOPT_POSTFIELDS, nullptr);  // from now on: the read callback
        (void)req.body->rewind();
    }
    return true;
}

HttpResponse HttpExchange::finish(CURLcode rc) {
    HttpResponse res;
    if (readFailed_) {
        res.error = "the submission could not be read from the outbox";
        resetTransfer();
        return res;
    }
    long status = 0;
    api_->easy_getinfo(c_, CURLINFO_RESPONSE_CODE, &status);
    long requestSize = 0;
    api_->easy_getinfo(c_, CURLINFO_REQUEST_SIZE, &requestSize);
    curl_off_t uploaded = 0;
    api_->easy_getinfo(c_, CURLINFO_SIZE_UPLOAD_T, &uploaded);
    const HttpRequest& req = *req_;
    const std::size_t bodySize = req.body ? req.body->size() : 0;
    const std::size_t bodySent = bufferedUsed_ ? static_cast<std::size_t>(uploaded) : t_.sent;
    const bool bodyOut = !req.body || bodySent >= bodySize;
    res.requestLeft = requestSize > 0 && bodyOut && !t_.bodyFailed;
    res.status = static_cast<int>(status);
    res.body = std::move(t_.answer);
    res.answerTruncated = t_.truncated;
    if (rc == CURLE_OK) {
        res.transferred = true;
    } else {
        res.error = api_->easy_strerror(rc);
        if (t_.bodyFailed) res.error = "the submission could not be read from the outbox";
        switch (rc) {
            case CURLE_COULDNT_CONNECT:
            case CURLE_COULDNT_RESOLVE_HOST:
            case CURLE_COULDNT_RESOLVE_PROXY:
                res.connectFailed = true;
                break;
            case CURLE_OPERATION_TIMEDOUT:
                // A timeout before any byte of the request left is a connect failure.
                res.connectFailed = requestSize == 0;
                break;
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_PEER_FAILED_VERIFICATION:
            case CURLE_SSL_CACERT_BADFILE:
            case CURLE_SSL_CERTPROBLEM:
                res.tlsFailed = true;
                res.requestLeft = false;
                break;
            default: break;
        }
    }
    resetTransfer();
    return res;
}

void HttpExchange::resetTransfer() {
    if (c_ && headers_) api_->easy_setopt(c_, CURLOPT_HTTPHEADER, nullptr);  // the list goes; the handle stays
    if (headers_) api_->slist_free_all(headers_);
    headers_ = nullptr;
    if (c_ && bufferedUsed_) api_->easy_setopt(c_, CURLOPT_POSTFIELDS, nullptr);  // no pointer into wiped bytes
    // Wiped in place: the capacity stays for the next body (no allocation per request).
    secureWipe(buffered_.data(), buffered_.size());
    buffered_.clear();
    bufferedUsed_ = false;
    readFailed_ = false;
    secureWipe(t_.answer);
    t_ = Transfer{};
    req_ = nullptr;
}

}  // namespace guichet::upload
