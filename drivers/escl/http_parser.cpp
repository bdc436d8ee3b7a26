#include "drivers/escl/http_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace guichet::escl {

namespace {

bool isTokenChar(char c) {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= '0' && c <= '9') return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Splits at "\r\n", tolerating a bare "\n" (some embedded servers send it).
bool nextLine(std::string_view& rest, std::string_view& line) {
    auto nl = rest.find('\n');
    if (nl == std::string_view::npos) return false;
    line = rest.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    rest.remove_prefix(nl + 1);
    return true;
}

bool parseDecimal(std::string_view s, std::size_t& out) {
    if (s.empty() || s.size() > 18) return false;
    for (char c : s) if (c < '0' || c > '9') return false;
    std::from_chars(s.data(), s.data() + s.size(), out);
    return true;
}

}  // namespace

HttpParser::HttpParser(Kind kind, Limits limits) : kind_(kind), limits_(limits) {}

Error HttpParser::fail(std::string message) {
    state_ = State::Failed;
    return makeError(ErrorCode::Protocol, "HTTP: " + std::move(message));
}

void HttpParser::reset() {
    // A body dropped half-way (a cut page, an error) may be a resident's document.
    secureWipe(message_.body);
    state_ = State::Head;
    noBody_ = false;
    head_.clear();
    remaining_ = 0;
    expected_ = 0;
    message_ = HttpMessage{};
}

HttpMessage HttpParser::take() {
    HttpMessage m = std::move(message_);
    message_.body = Bytes();  // moved-from: make sure reset() has nothing left to wipe
    reset();
    return m;
}

Result<void> HttpParser::parseHead() {
    std::string_view rest(head_), line;
    nextLine(rest, line);
    if (kind_ == Kind::Response) {
        // "HTTP/1.1 200 OK" — the reason phrase may be empty.
        if (line.size() < 12 || line.substr(0, 5) != "HTTP/" || line[8] != ' ')
            return fail("bad status line");
        std::string_view code = line.substr(9, 3);
        if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            (line.size() > 12 && line[12] != ' '))
            return fail("bad status code");
        message_.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
        if (message_.status < 100) return fail("bad status code");
        message_.reason = std::string(line.size() > 13 ? line.substr(13) : std::string_view{});
    } else {
        auto sp1 = line.find(' ');
        auto sp2 = line.rfind(' ');
        if (sp1 == std::string_view::npos || sp2 == sp1 || line.substr(sp2 + 1, 5) != "HTTP/")
            return fail("bad request line");
        message_.method = std::string(line.substr(0, sp1));
        message_.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
        if (message_.method.empty() || message_.target.empty()) return fail("bad request line");
    }
    while (nextLine(rest, line)) {
        if (line.empty()) break;
        if (line.front() == ' ' || line.front() == '\t') return fail("obsolete header folding");
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return fail("header without a name");
        std::string_view name = line.substr(0, colon);
        if (!std::all_of(name.begin(), name.end(), isTokenChar)) return fail("bad header name");
        message_.headers.push_back({std::string(name), std::string(trim(line.substr(colon + 1)))});
    }
    return {};
}

Result<void> HttpParser::startBody() {
    const int s = message_.status;
    if (noBody_ || (kind_ == Kind::Response && (s < 200 || s == 204 || s == 304))) {
        state_ = State::Done;
        return {};
    }
    bool chunked = false;
    std::optional<std::size_t> length;
    for (const auto& h : message_.headers) {
        if (equalsIgnoreCase(h.name, "Transfer-Encoding")) {
            std::string_view v = trim(h.value);
            auto comma = v.rfind(',');
            std::string_view last = trim(comma == std::string_view::npos ? v : v.substr(comma + 1));
            if (!equalsIgnoreCase(last, "chunked")) return fail("unsupported transfer coding");
            chunked = true;
        } else if (equalsIgnoreCase(h.name, "Content-Length")) {
            std::size_t n = 0;
            if (!parseDecimal(trim(h.value), n)) return fail("bad Content-Length");
            if (length && *length != n) return fail("conflicting Content-Length headers");
            length = n;
        }
    }
    if (chunked) {
        state_ = State::ChunkSize;  // chunked wins over Content-Length (RFC 9112 §6.3)
    } else if (length) {
        if (*length > limits_.maxBodyBytes) return fail("body larger than the limit");
        // One allocation for a normal page (never held twice), but not more than 8 MiB on the
        // header's word alone: a device announcing the limit and sending nothing must not make
        // us allocate it. Larger bodies grow (wiping behind them) as their bytes arrive.
        message_.body.reserve(std::min<std::size_t>(*length, 8u << 20));
        remaining_ = *length;
        expected_ = *length;
        state_ = remaining_ ? State::Body : State::Done;
    } else if (kind_ == Kind::Response) {
        state_ = State::UntilClose;
    } else {
        state_ = State::Done;
    }
    return {};
}

Result<void> HttpParser::appendBody(std::span<const std::uint8_t> data) {
    Bytes& body = message_.body;
    if (body.size() + data.size() > limits_.maxBodyBytes) return fail("body larger than the limit");
    if (body.size() + data.size() > body.capacity()) {
        // Grow by hand so that the old buffer is wiped, not just freed: vector's own
        // reallocation would leave a copy of the page behind in freed memory.
        Bytes bigger;
        bigger.reserve(std::max(body.capacity() * 2, body.size() + data.size()));
        bigger.assign(body.begin(), body.end());
        secureWipe(body);
        body.swap(bigger);
    }
    body.insert(body.end(), data.begin(), data.end());
    return {};
}

Result<std::size_t> HttpParser::feed(std::span<const std::uint8_t> data) {
    std::size_t used = 0;
    auto take = [&](std::size_t n) {
        auto part = data.subspan(used, n);
        used += n;
        return part;
    };
    while (used < data.size() && state_ != State::Done) {
        switch (state_) {
        case State::Head: {
            // Byte by byte until the blank line: headers are small, bodies are not.
            char c = static_cast<char>(data[used++]);
            if (head_.empty() && (c == '\r' || c == '\n')) continue;  // stray CRLF between messages
            head_.push_back(c);
            if (head_.size() > limits_.maxHeaderBytes) return fail("header block too large");
            bool end = (head_.size() >= 4 && head_.compare(head_.size() - 4, 4, "\r\n\r\n") == 0) ||
                       (head_.size() >= 2 && head_.compare(head_.size() - 2, 2, "\n\n") == 0);
            if (!end) continue;
            if (auto r = parseHead(); !r) return r.error();
            head_.clear();
            if (auto r = startBody(); !r) return r.error();
            if (kind_ == Kind::Response && message_.status >= 100 && message_.status < 200 &&
                message_.status != 101) {
                reset();  // an interim "100 Continue": the real answer follows
            }
            break;
        }
        case State::Body: {
            auto part = take(std::min(remaining_, data.size() - used));
            if (auto r = appendBody(part); !r) return r.error();
            remaining_ -= part.size();
            if (remaining_ == 0) state_ = State::Done;
            break;
        }
        case State::UntilClose: {
            if (auto r = appendBody(take(data.size() - used)); !r) return r.error();
            break;
        }
        case State::ChunkSize: {
            char c = static_cast<char>(data[used++]);
            head_.push_back(c);
            if (head_.size() > 1024) return fail("chunk size line too long");
            if (c != '\n') continue;
            std::string_view line(head_);
            line.remove_suffix(1);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            auto semi = line.find(';');  // chunk extensions are ignored
            std::string_view hex = trim(line.substr(0, semi));
            std::size_t size = 0;
            if (hex.empty() || hex.size() > 15) return fail("bad chunk size");
            auto [p, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), size, 16);
            if (ec != std::errc() || p != hex.data() + hex.size()) return fail("bad chunk size");
            head_.clear();
            if (size == 0) {
                state_ = State::Trailers;
            } else {
                if (message_.body.size() + size > limits_.maxBodyBytes) return fail("body larger than the limit");
                remaining_ = size;
                state_ = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            auto part = take(std::min(remaining_, data.size() - used));
            if (auto r = appendBody(part); !r) return r.error();
            remaining_ -= part.size();
            if (remaining_ == 0) state_ = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            char c = static_cast<char>(data[used++]);
            head_.push_back(c);
            if (head_ == "\r") continue;
            if (head_ != "\r\n" && head_ != "\n") return fail("chunk not followed by CRLF");
            head_.clear();
            state_ = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            // Trailer fields are read and dropped; an empty line ends the message.
            char c = static_cast<char>(data[used++]);
            head_.push_back(c);
            if (head_.size() > limits_.maxHeaderBytes) return fail("trailers too large");
            if (c != '\n') continue;
            if (head_ == "\r\n" || head_ == "\n") state_ = State::Done;
            head_.clear();
            break;
        }
        case State::Done:
        case State::Failed:
            break;
        }
        if (state_ == State::Failed) return makeError(ErrorCode::Protocol, "HTTP: parser failed");
    }
    if (state_ == State::Failed) return makeError(ErrorCode::Protocol, "HTTP: parser failed earlier");
    return used;
}

Result<void> HttpParser::finishAtEof() {
    if (state_ == State::Done) return {};
    if (state_ == State::UntilClose) {
        state_ = State::Done;
        return {};
    }
    if (state_ == State::Head && head_.empty())
        return makeError(ErrorCode::Disconnected, "HTTP: connection closed before a response");
    state_ = State::Failed;
    return makeError(ErrorCode::Protocol, "HTTP: connection closed in the middle of a message");
}

}  // namespace guichet::escl
