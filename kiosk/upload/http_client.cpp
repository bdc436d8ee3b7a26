#include "kiosk/upload/http_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
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

void globalInit() {
    static std::once_flag once;
    // curl's buffers carry the submissions (personal data): they wipe when freed too.
    std::call_once(once, [] {
        curl_global_init_mem(CURL_GLOBAL_DEFAULT, wipingMalloc, wipingFree, wipingRealloc, wipingStrdup, wipingCalloc);
    });
}

// One easy handle per thread (each connector's Worker), reset between requests: reset keeps
// its connection cache, so a backlog goes out over one kept-alive connection instead of a
// new TCP (and TLS) handshake per submission.
CURL* threadHandle() {
    struct Handle {
        CURL* c = curl_easy_init();
        ~Handle() {
            if (c) curl_easy_cleanup(c);
        }
    };
    static thread_local Handle h;
    if (h.c) curl_easy_reset(h.c);
    return h.c;
}

struct Transfer {
    BodySource* body = nullptr;
    std::size_t sent = 0;
    bool bodyFailed = false;
    std::string answer;
    std::size_t cap = kMaxAnswer;
    bool truncated = false;
};

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
    // curl rewinds only to the start (redirect or auth retry); anything else is refused.
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

void common(CURL* c, const outbox::HttpConfig& cfg) {
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    // Headers and body leave in separate writes: without NODELAY, Nagle holds the body
    // until the server's delayed ACK (40 ms a request on loopback).
    curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(cfg.connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(cfg.requestTimeoutMs));
    // TLS verification is never switched off; only the CA bundle can be chosen.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!cfg.caBundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, cfg.caBundle.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Guichet-outbox/0.1");
}

}  // namespace

HttpResponse perform(const HttpRequest& req, const outbox::HttpConfig& cfg) {
    globalInit();
    HttpResponse res;
    CURL* c = threadHandle();
    if (!c) {
        res.error = "curl_easy_init failed";
        return res;
    }
    Transfer t;
    t.body = req.body;
    if (req.maxAnswerBytes) t.cap = req.maxAnswerBytes;
    common(c, cfg);
    curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
    curl_slist* headers = nullptr;
    for (const auto& h : req.headers) headers = curl_slist_append(headers, h.c_str());
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (req.body) {
        (void)req.body->rewind();
        curl_easy_setopt(c, CURLOPT_UPLOAD, 0L);
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body->size()));
        curl_easy_setopt(c, CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(c, CURLOPT_READDATA, &t);
        curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, onSeek);
        curl_easy_setopt(c, CURLOPT_SEEKDATA, &t);
    }
    if (req.method != "POST" && req.method != "GET") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    if (req.method == "GET") curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);

    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    long requestSize = 0;
    curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &requestSize);
    const bool bodyOut = !req.body || t.sent >= req.body->size();
    res.requestLeft = requestSize > 0 && bodyOut && !t.bodyFailed;
    res.status = static_cast<int>(status);
    res.body = std::move(t.answer);
    res.answerTruncated = t.truncated;
    if (rc == CURLE_OK) {
        res.transferred = true;
    } else {
        res.error = curl_easy_strerror(rc);
        if (t.bodyFailed) res.error = "the submission could not be read from the outbox";
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
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);  // the list goes; the handle stays
    curl_slist_free_all(headers);
    return res;
}

bool probe(const std::string& url, const outbox::HttpConfig& cfg) {
    globalInit();
    CURL* c = curl_easy_init();
    if (!c) return false;
    common(c, cfg);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(cfg.connectTimeoutMs));
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    return rc == CURLE_OK;
}

std::string urlEncode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size() * 3);
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out.push_back(static_cast<char>(ch));
        } else {
            out.push_back('%');
            out.push_back(hex[ch >> 4]);
            out.push_back(hex[ch & 15]);
        }
    }
    return out;
}

}  // namespace guichet::upload
