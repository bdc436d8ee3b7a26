#include "kiosk/upload/http_parallel.hpp"

#include <algorithm>

#include "kiosk/upload/curl_api.hpp"

namespace guichet::upload {

HttpParallel::HttpParallel(const outbox::HttpConfig& cfg, int slots) : cfg_(cfg) {
    api_ = httpGlobalInit();
    if (api_) multi_ = api_->multi_init();
    slots_.resize(static_cast<std::size_t>(std::max(slots, 1)));
    for (auto& s : slots_) {
        s.exchange = std::make_unique<HttpExchange>();
        s.exchange->configure(cfg_);
    }
}

HttpParallel::~HttpParallel() {
    for (auto& s : slots_)
        if (s.busy && multi_) api_->multi_remove_handle(multi_, s.exchange->handle());
    slots_.clear();  // the easy handles go before their multi handle
    if (multi_) api_->multi_cleanup(multi_);
}

bool HttpParallel::hasFreeSlot() const {
    return std::any_of(slots_.begin(), slots_.end(), [](const Slot& s) { return !s.busy; });
}

bool HttpParallel::idle() const {
    return ready_.empty() && std::none_of(slots_.begin(), slots_.end(), [](const Slot& s) { return s.busy; });
}

void HttpParallel::submit(const HttpRequest& req, std::size_t tag) {
    auto slot = std::find_if(slots_.begin(), slots_.end(), [](const Slot& s) { return !s.busy; });
    if (slot == slots_.end()) return;  // the caller checks hasFreeSlot(); never dropped silently below
    HttpExchange& ex = *slot->exchange;
    if (!multi_ || !ex.handle()) {
        HttpResponse res;
        res.error = "curl initialisation failed";
        res.connectFailed = true;  // nothing left: the submission waits, as perform() says too
        ready_.emplace_back(tag, std::move(res));
        return;
    }
    if (!ex.start(req)) {
        ready_.emplace_back(tag, ex.finish(CURLE_READ_ERROR));
        return;
    }
    if (api_->multi_add_handle(multi_, ex.handle()) != CURLM_OK) {
        ready_.emplace_back(tag, ex.finish(CURLE_FAILED_INIT));
        return;
    }
    slot->busy = true;
    slot->tag = tag;
    // Alone in flight, it goes on the wire now, not at the next next(): the caller prepares
    // the next request while this one travels (on a kept-alive connection one call writes it
    // whole). With others in flight the back office is busy anyway: it leaves at next(), and
    // the other transfers are not polled once more for each request (a system call each).
    if (std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.busy; }) == 1) (void)pump();
}

int HttpParallel::pump() {
    int running = 0;
    api_->multi_perform(multi_, &running);
    collect();
    return running;
}

void HttpParallel::collect() {
    int left = 0;
    while (CURLMsg* msg = api_->multi_info_read(multi_, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        for (auto& s : slots_) {
            if (!s.busy || s.exchange->handle() != msg->easy_handle) continue;
            const CURLcode rc = msg->data.result;  // msg is invalid once the handle is removed
            api_->multi_remove_handle(multi_, s.exchange->handle());
            s.busy = false;
            ready_.emplace_back(s.tag, s.exchange->finish(rc));
            break;
        }
    }
}

std::pair<std::size_t, HttpResponse> HttpParallel::next() {
    while (ready_.empty()) {
        const int running = pump();
        if (!ready_.empty() || running == 0) break;
        // Sleeps on the sockets; each transfer's own timeout still applies.
        api_->multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
    if (ready_.empty()) {  // nothing was in flight: a caller's mistake, answered, not hung
        HttpResponse res;
        res.error = "no request in flight";
        return {0, std::move(res)};
    }
    auto out = std::move(ready_.front());
    ready_.pop_front();
    return out;
}

}  // namespace guichet::upload
