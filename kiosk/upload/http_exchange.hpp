// One libcurl easy handle that carries request after request of the same configuration.
// The options every request shares (timeouts, TLS, protocols) are set once, not reset and
// set again per request: only the URL, headers and body change. The handle keeps its
// connection, so a backlog goes out over one kept-alive connection.
// A small body goes to curl whole, with its headers in one write (no read callback); a
// larger one is streamed from its BodySource. Either way the bytes are wiped after.
#pragma once

#include <curl/curl.h>

#include <string>

#include "kiosk/upload/http_client.hpp"

namespace guichet::upload {

// curl_global_init once per process, with wiping allocators: curl's buffers carry the
// submissions (personal data), so they are wiped when freed too.
struct CurlApi;

// Loads libcurl (curl_api.hpp); nullptr when it cannot be loaded.
const CurlApi* httpGlobalInit();
std::string httpUnavailable();  // why, for the operator

class HttpExchange {
public:
    // Bodies up to this size are read whole before the send (a submission without
    // attachments is ~2 KiB); larger ones (scans) are streamed, never wholly in memory.
    static constexpr std::size_t kBufferedMax = 64 * 1024;

    HttpExchange();
    ~HttpExchange();
    HttpExchange(const HttpExchange&) = delete;
    HttpExchange& operator=(const HttpExchange&) = delete;

    CURL* handle() const { return c_; }  // nullptr: libcurl missing or out of memory
    CURLcode perform();  // curl_easy_perform on the handle (after start)
    // Applies cfg's options unless they are already the handle's (then nothing is done).
    void configure(const outbox::HttpConfig& cfg);
    // The request's own options. req (its body and headers) must live until finish().
    // False when the body could not be read from the outbox (res then says so).
    bool start(const HttpRequest& req);
    // What curl_easy_perform (or the multi handle) returned, read into a response.
    HttpResponse finish(CURLcode rc);
    // True when the last start() gave curl the body whole (for tests and the bench).
    bool lastBodyBuffered() const { return bufferedUsed_; }

private:
    void resetTransfer();

    const CurlApi* api_ = nullptr;
    CURL* c_ = nullptr;
    bool configured_ = false;
    outbox::HttpConfig applied_;
    const HttpRequest* req_ = nullptr;
    curl_slist* headers_ = nullptr;
    std::string buffered_;  // a small body read whole; wiped after the send
    bool bufferedUsed_ = false;
    bool readFailed_ = false;

public:
    // Streaming state, read by the libcurl callbacks (http_exchange.cpp).
    struct Transfer {
        BodySource* body = nullptr;
        std::size_t sent = 0;
        bool bodyFailed = false;
        std::string answer;
        std::size_t cap = 0;
        bool truncated = false;
    };

private:
    Transfer t_;
};

}  // namespace guichet::upload
