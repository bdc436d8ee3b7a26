// An HTTP/1.1 message (request or response) as the eSCL client and the emulator exchange
// it, and the serialisers for both directions. Header names compare case-insensitively.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/bytes.hpp"

namespace guichet::escl {

struct HttpHeader {
    std::string name;
    std::string value;
};

struct HttpMessage {
    // Request line (parsed requests only).
    std::string method;
    std::string target;
    // Status line (parsed responses only).
    int status = 0;
    std::string reason;

    std::vector<HttpHeader> headers;
    Bytes body;

    // The first header with this name, case-insensitively; nullopt if absent.
    std::optional<std::string_view> header(std::string_view name) const;
    // False when the peer said "Connection: close" (the stream must be reset afterwards).
    bool keepAlive() const;
};

bool equalsIgnoreCase(std::string_view a, std::string_view b);

// "GET /eSCL/ScannerStatus HTTP/1.1\r\nHost: localhost\r\n...". A body gets a Content-Length.
Bytes serializeRequest(std::string_view method, std::string_view target,
                       const std::vector<HttpHeader>& headers, const Bytes& body);

// A response with Content-Length, or with the body cut into chunks of `chunkSize` bytes
// (Transfer-Encoding: chunked) when chunkSize > 0.
Bytes serializeResponse(int status, std::string_view reason, const std::vector<HttpHeader>& headers,
                        const Bytes& body, std::size_t chunkSize = 0);

}  // namespace guichet::escl
