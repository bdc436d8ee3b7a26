// Several HTTP requests in flight at once, each on its own kept-alive connection, driven by
// one libcurl multi handle from the calling thread. A sender that waits for each answer
// before the next request does at most 1/round-trip sends a second (33/s at 30 ms); with
// N in flight, N times that, while the submissions stay sent and recorded one by one.
#pragma once

#include <curl/curl.h>

#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include "kiosk/upload/http_exchange.hpp"

namespace guichet::upload {

class HttpParallel {
public:
    HttpParallel(const outbox::HttpConfig& cfg, int slots);
    ~HttpParallel();
    HttpParallel(const HttpParallel&) = delete;
    HttpParallel& operator=(const HttpParallel&) = delete;

    bool hasFreeSlot() const;
    bool idle() const;  // nothing in flight, no answer waiting to be read
    // Starts req under tag (alone in flight: handed to the network before returning); req
    // (its body, headers) must live until its answer is read. Needs a free slot. A body that
    // cannot be read gives its (failed) answer at once.
    void submit(const HttpRequest& req, std::size_t tag);
    // Blocks until one request is answered (or failed); not to be called when idle().
    std::pair<std::size_t, HttpResponse> next();

private:
    struct Slot {
        std::unique_ptr<HttpExchange> exchange;
        bool busy = false;
        std::size_t tag = 0;
    };
    int pump();      // every transfer as far as it goes without waiting, then collect(); how many still run
    void collect();  // finished transfers into ready_

    outbox::HttpConfig cfg_;
    const CurlApi* api_ = nullptr;
    CURLM* multi_ = nullptr;
    std::vector<Slot> slots_;
    std::deque<std::pair<std::size_t, HttpResponse>> ready_;
};

}  // namespace guichet::upload
