// An HTTP/1.1 client for one ByteStream, one request at a time: every response is read to
// its end before the next request, and after a timeout or a closed connection the stream
// is reset so the next request starts on a clean boundary.
#pragma once

#include <string>
#include <vector>

#include "drivers/escl/byte_stream.hpp"
#include "drivers/escl/http_message.hpp"
#include "drivers/escl/http_parser.hpp"

namespace guichet::escl {

class HttpClient {
public:
    struct Options {
        std::string hostHeader = "localhost";  // IPP-over-USB wants exactly this
        Millis ioTimeout{30000};     // no byte for this long: Timeout
        Millis totalTimeout{300000}; // one request, start to end, whatever trickles in
        HttpParser::Limits limits{};
    };

    explicit HttpClient(ByteStream& stream) : HttpClient(stream, Options{}) {}
    HttpClient(ByteStream& stream, Options options);

    Result<HttpMessage> request(std::string_view method, std::string_view target,
                                std::vector<HttpHeader> headers = {}, const Bytes& body = {});

    // Requests sent and resets done so far (tests and operator diagnostics).
    int requestCount() const { return requests_; }
    int resetCount() const { return resets_; }

private:
    Result<HttpMessage> exchange(std::string_view method, std::string_view target,
                                 const std::vector<HttpHeader>& headers, const Bytes& body);

    ByteStream& stream_;
    Options options_;
    HttpParser parser_;
    Bytes readBuffer_;
    bool needsReset_ = false;
    int requests_ = 0;
    int resets_ = 0;
};

}  // namespace guichet::escl
