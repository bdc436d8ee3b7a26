#include "kiosk/upload/http_client.hpp"

#include <curl/curl.h>

#include <cctype>

#include "kiosk/upload/curl_api.hpp"
#include "kiosk/upload/http_exchange.hpp"

namespace guichet::upload {
namespace {

// One configured handle per thread (each connector's Worker): its options are set once and
// its connection cache kept, so a backlog goes out over one kept-alive connection.
HttpExchange& threadExchange() {
    static thread_local HttpExchange ex;
    return ex;
}

}  // namespace

HttpResponse perform(const HttpRequest& req, const outbox::HttpConfig& cfg) {
    HttpExchange& ex = threadExchange();
    if (!ex.handle()) {
        HttpResponse res;
        res.error = httpGlobalInit() ? "curl_easy_init failed" : httpUnavailable();
        res.connectFailed = true;  // nothing left: the submission waits, as when offline
        return res;
    }
    ex.configure(cfg);
    const CURLcode rc = ex.start(req) ? ex.perform() : CURLE_READ_ERROR;
    return ex.finish(rc);
}

bool probe(const std::string& url, const outbox::HttpConfig& cfg) {
    const CurlApi* api = httpGlobalInit();
    if (!api) return false;
    CURL* c = api->easy_init();
    if (!c) return false;
    api->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    api->easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    api->easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!cfg.caBundle.empty()) api->easy_setopt(c, CURLOPT_CAINFO, cfg.caBundle.c_str());
    api->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    api->easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(cfg.connectTimeoutMs));
    api->easy_setopt(c, CURLOPT_URL, url.c_str());
    api->easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
    api->easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(cfg.connectTimeoutMs));
    CURLcode rc = api->easy_perform(c);
    api->easy_cleanup(c);
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
