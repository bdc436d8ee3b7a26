#include "drivers/escl/http_client.hpp"

#include <algorithm>

#include "drivers/common/log.hpp"

namespace guichet::escl {

HttpClient::HttpClient(ByteStream& stream, Options options)
    : stream_(stream), options_(std::move(options)), parser_(HttpParser::Kind::Response, options_.limits),
      readBuffer_(16 * 1024) {}

Result<HttpMessage> HttpClient::request(std::string_view method, std::string_view target,
                                        std::vector<HttpHeader> headers, const Bytes& body) {
    if (needsReset_) {
        ++resets_;
        if (auto r = stream_.reset(options_.ioTimeout); !r) return r.error();
        needsReset_ = false;
    }
    ++requests_;
    auto result = exchange(method, target, headers, body);
    if (!result) {
        // Whatever happened, the stream may hold part of a response: never reuse it as is.
        needsReset_ = true;
        if (result.error().code == ErrorCode::Timeout) {
            // Soft reset right away so that a device stuck mid-response recovers before
            // the next user action rather than during it.
            ++resets_;
            if (stream_.reset(options_.ioTimeout)) needsReset_ = false;
        }
        log::warning("escl", stream_.describe() + ": " + std::string(method) + " " + std::string(target) +
                                 ": " + result.error().message);
    }
    return result;
}

Result<HttpMessage> HttpClient::exchange(std::string_view method, std::string_view target,
                                         const std::vector<HttpHeader>& extra, const Bytes& body) {
    std::vector<HttpHeader> headers;
    headers.push_back({"Host", options_.hostHeader});
    headers.push_back({"User-Agent", "guichet-escl/0.1"});
    for (auto& h : extra) headers.push_back(h);
    Bytes wire = serializeRequest(method, target, headers, body);
    if (auto r = stream_.writeAll(wire, options_.ioTimeout); !r) return r.error();

    parser_.reset();
    if (method == "HEAD") parser_.expectNoBody();
    const auto deadline = Clock::now() + options_.totalTimeout;
    while (!parser_.done()) {
        auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
        if (left <= Millis(0)) return makeError(ErrorCode::Timeout, "HTTP: response took longer than allowed");
        auto n = stream_.readSome(readBuffer_, std::min(left, options_.ioTimeout));
        if (!n) return n.error();
        if (*n == 0) {
            if (auto r = parser_.finishAtEof(); !r) return r.error();
            needsReset_ = true;  // the peer closed: reconnect before the next request
            break;
        }
        auto used = parser_.feed(std::span<const std::uint8_t>(readBuffer_.data(), *n));
        if (!used) return used.error();
        if (*used < *n) {
            // Bytes after the end of the response: the peer is out of step with us.
            log::warning("escl", stream_.describe() + ": stray bytes after a response");
            needsReset_ = true;
        }
    }
    HttpMessage response = parser_.take();
    if (!response.keepAlive()) needsReset_ = true;
    return response;
}

}  // namespace guichet::escl
