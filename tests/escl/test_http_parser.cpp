// The HTTP/1.1 parser and serialisers: every framing the scanners use, fed in every split,
// and the malformed inputs that must fail cleanly rather than desynchronise.
#include <catch2/catch.hpp>

#include <string>

#include "drivers/escl/http_message.hpp"
#include "drivers/escl/http_parser.hpp"

using namespace guichet;
using namespace guichet::escl;

namespace {

Bytes bytesOf(std::string_view s) { return Bytes(s.begin(), s.end()); }
std::string textOf(const Bytes& b) { return std::string(b.begin(), b.end()); }

// Feeds `wire` in pieces of `step` bytes; returns the error or the message.
Result<HttpMessage> parseInSteps(const Bytes& wire, std::size_t step, HttpParser::Kind kind = HttpParser::Kind::Response,
                                 bool eof = false) {
    HttpParser p(kind);
    std::size_t at = 0;
    while (at < wire.size() && !p.done()) {
        std::size_t n = std::min(step, wire.size() - at);
        auto used = p.feed(std::span<const std::uint8_t>(wire.data() + at, n));
        if (!used) return used.error();
        at += *used;
    }
    if (eof && !p.done()) {
        if (auto r = p.finishAtEof(); !r) return r.error();
    }
    if (!p.done()) return makeError(ErrorCode::Protocol, "incomplete");
    return p.take();
}

}  // namespace

TEST_CASE("escl.http content-length body in any split") {
    Bytes wire = bytesOf("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 11\r\n\r\nhello world");
    for (std::size_t step : {1u, 2u, 7u, 64u, 4096u}) {
        auto m = parseInSteps(wire, step);
        REQUIRE(m.ok());
        CHECK(m->status == 200);
        CHECK(m->reason == "OK");
        CHECK(textOf(m->body) == "hello world");
        CHECK(m->header("content-type").value_or("") == "text/xml");
    }
}

TEST_CASE("escl.http chunked body with extensions and trailers") {
    Bytes wire = bytesOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "5;name=x\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n");
    for (std::size_t step : {1u, 3u, 16u, 1000u}) {
        auto m = parseInSteps(wire, step);
        REQUIRE(m.ok());
        CHECK(textOf(m->body) == "hello 0123456789");
    }
}

TEST_CASE("escl.http serialised chunked response parses back byte-exact") {
    Bytes body(70000);
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<std::uint8_t>(i * 7 + 3);
    Bytes chunked = serializeResponse(200, "OK", {{"Content-Type", "image/jpeg"}}, body, 4093);
    Bytes plain = serializeResponse(200, "OK", {}, body);
    CHECK(textOf(Bytes(chunked.begin(), chunked.begin() + 17)) == "HTTP/1.1 200 OK\r\n");
    for (const Bytes* wire : {&chunked, &plain}) {
        auto m = parseInSteps(*wire, 1500);
        REQUIRE(m.ok());
        CHECK(m->body == body);
    }
}

TEST_CASE("escl.http request serialisation pins the bytes") {
    Bytes wire = serializeRequest("POST", "/eSCL/ScanJobs", {{"Host", "localhost"}}, bytesOf("<x/>"));
    CHECK(textOf(wire) == "POST /eSCL/ScanJobs HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n\r\n<x/>");
    Bytes get = serializeRequest("GET", "/eSCL/ScannerStatus", {{"Host", "localhost"}}, {});
    CHECK(textOf(get) == "GET /eSCL/ScannerStatus HTTP/1.1\r\nHost: localhost\r\n\r\n");
    auto parsed = parseInSteps(wire, 5, HttpParser::Kind::Request);
    REQUIRE(parsed.ok());
    CHECK(parsed->method == "POST");
    CHECK(parsed->target == "/eSCL/ScanJobs");
    CHECK(textOf(parsed->body) == "<x/>");
}

TEST_CASE("escl.http body delimited by the close of the connection") {
    Bytes wire = bytesOf("HTTP/1.0 200 OK\r\n\r\nuntil the end");
    auto m = parseInSteps(wire, 4, HttpParser::Kind::Response, /*eof=*/true);
    REQUIRE(m.ok());
    CHECK(textOf(m->body) == "until the end");
}

TEST_CASE("escl.http no body on 204 and 304, interim 100 skipped") {
    auto m = parseInSteps(bytesOf("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"), 3);
    REQUIRE(m.ok());
    CHECK(m->body.empty());
    auto c = parseInSteps(bytesOf("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n"), 2);
    REQUIRE(c.ok());
    CHECK(c->status == 201);
    CHECK(c->header("LOCATION").value_or("") == "/x");
}

TEST_CASE("escl.http leaves the next message's bytes unconsumed") {
    Bytes wire = bytesOf("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    HttpParser p(HttpParser::Kind::Response);
    auto used = p.feed(wire);
    REQUIRE(used.ok());
    REQUIRE(p.done());
    CHECK(textOf(p.take().body) == "ok");
    auto rest = p.feed(std::span<const std::uint8_t>(wire.data() + *used, wire.size() - *used));
    REQUIRE(rest.ok());
    REQUIRE(p.done());
    CHECK(p.take().status == 404);
}

TEST_CASE("escl.http tolerates bare LF line ends") {
    auto m = parseInSteps(bytesOf("HTTP/1.1 200 OK\nContent-Length: 3\n\nabc"), 1);
    REQUIRE(m.ok());
    CHECK(textOf(m->body) == "abc");
}

TEST_CASE("escl.http malformed responses fail with a Protocol error") {
    const char* bad[] = {
        "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTPP/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: a\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: empty\r\n\r\n",
    };
    for (const char* b : bad) {
        INFO(b);
        auto m = parseInSteps(bytesOf(b), 3);
        REQUIRE_FALSE(m.ok());
        CHECK(m.error().code == ErrorCode::Protocol);
    }
}

TEST_CASE("escl.http limits: huge headers, bodies over the limit, truncated streams") {
    HttpParser::Limits limits;
    limits.maxHeaderBytes = 256;
    limits.maxBodyBytes = 100;
    HttpParser p(HttpParser::Kind::Response, limits);
    std::string longHeader = "HTTP/1.1 200 OK\r\nX: " + std::string(400, 'a') + "\r\n\r\n";
    CHECK(p.feed(bytesOf(longHeader)).error().code == ErrorCode::Protocol);
    p.reset();
    CHECK_FALSE(p.feed(bytesOf("HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n")).ok());
    p.reset();
    CHECK_FALSE(p.feed(bytesOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n")).ok());
    p.reset();
    REQUIRE(p.feed(bytesOf("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")).ok());
    CHECK(p.finishAtEof().error().code == ErrorCode::Protocol);
    p.reset();
    CHECK(p.finishAtEof().error().code == ErrorCode::Disconnected);
}
