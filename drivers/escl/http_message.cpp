#include "drivers/escl/http_message.hpp"

#include <cctype>
#include <cstdio>

namespace guichet::escl {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::optional<std::string_view> HttpMessage::header(std::string_view name) const {
    for (const auto& h : headers) {
        if (equalsIgnoreCase(h.name, name)) return std::string_view(h.value);
    }
    return std::nullopt;
}

bool HttpMessage::keepAlive() const {
    auto c = header("Connection");
    return !(c && equalsIgnoreCase(*c, "close"));
}

static void append(Bytes& out, std::string_view s) { out.insert(out.end(), s.begin(), s.end()); }

Bytes serializeRequest(std::string_view method, std::string_view target,
                       const std::vector<HttpHeader>& headers, const Bytes& body) {
    Bytes out;
    out.reserve(256 + body.size());
    append(out, method);
    append(out, " ");
    append(out, target);
    append(out, " HTTP/1.1\r\n");
    for (const auto& h : headers) {
        append(out, h.name);
        append(out, ": ");
        append(out, h.value);
        append(out, "\r\n");
    }
    if (!body.empty() || method == "POST" || method == "PUT") {
        append(out, "Content-Length: " + std::to_string(body.size()) + "\r\n");
    }
    append(out, "\r\n");
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Bytes serializeResponse(int status, std::string_view reason, const std::vector<HttpHeader>& headers,
                        const Bytes& body, std::size_t chunkSize) {
    Bytes out;
    out.reserve(256 + body.size() + (chunkSize ? body.size() / chunkSize * 12 + 16 : 0));
    append(out, "HTTP/1.1 " + std::to_string(status) + " ");
    append(out, reason);
    append(out, "\r\n");
    for (const auto& h : headers) {
        append(out, h.name);
        append(out, ": ");
        append(out, h.value);
        append(out, "\r\n");
    }
    if (chunkSize == 0) {
        append(out, "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
        out.insert(out.end(), body.begin(), body.end());
        return out;
    }
    append(out, "Transfer-Encoding: chunked\r\n\r\n");
    for (std::size_t at = 0; at < body.size(); at += chunkSize) {
        std::size_t n = std::min(chunkSize, body.size() - at);
        char size[24];
        std::snprintf(size, sizeof size, "%zx\r\n", n);
        append(out, size);
        out.insert(out.end(), body.begin() + static_cast<std::ptrdiff_t>(at),
                   body.begin() + static_cast<std::ptrdiff_t>(at + n));
        append(out, "\r\n");
    }
    append(out, "0\r\n\r\n");
    return out;
}

}  // namespace guichet::escl
