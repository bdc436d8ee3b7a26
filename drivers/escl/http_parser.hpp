// An incremental HTTP/1.1 parser for one message at a time, fed whatever bytes the stream
// delivered: start line, headers, then a body delimited by Content-Length, chunked
// transfer coding, or the end of the stream. Strict where ambiguity could desynchronise.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "drivers/common/result.hpp"
#include "drivers/escl/http_message.hpp"

namespace guichet::escl {

class HttpParser {
public:
    enum class Kind { Request, Response };
    struct Limits {
        std::size_t maxHeaderBytes = 16 * 1024;
        std::size_t maxBodyBytes = 256u * 1024 * 1024;  // a 1200 dpi colour page fits
    };

    explicit HttpParser(Kind kind) : HttpParser(kind, Limits{}) {}
    HttpParser(Kind kind, Limits limits);

    // Consumes bytes up to the end of the current message and returns how many it used;
    // the rest belongs to the next message. A Protocol error leaves the parser unusable
    // until reset().
    Result<std::size_t> feed(std::span<const std::uint8_t> data);
    // The stream ended: completes a body delimited by the close, else a Protocol error
    // (or Disconnected if nothing of a message had arrived).
    Result<void> finishAtEof();
    // The answer to a HEAD request carries headers only.
    void expectNoBody() { noBody_ = true; }

    bool done() const { return state_ == State::Done; }
    // Body bytes received so far, and the announced total (Content-Length; 0 if unknown).
    std::size_t bodyReceived() const { return message_.body.size(); }
    std::size_t bodyExpected() const { return expected_; }
    bool started() const { return state_ != State::Head || !head_.empty(); }
    // The head is parsed, the body not complete yet; head() then holds the start line and
    // headers (a server answers "Expect: 100-continue" at this point).
    bool inBody() const { return state_ != State::Head && state_ != State::Done && state_ != State::Failed; }
    const HttpMessage& head() const { return message_; }
    // Hands over the complete message and gets ready for the next one.
    HttpMessage take();
    void reset();

private:
    enum class State { Head, Body, UntilClose, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

    Result<void> parseHead();
    Result<void> startBody();
    Error fail(std::string message);
    Result<void> appendBody(std::span<const std::uint8_t> data);

    Kind kind_;
    Limits limits_;
    State state_ = State::Head;
    bool noBody_ = false;
    std::string head_;   // header block, or the current chunk-size / trailer line
    std::size_t remaining_ = 0;  // bytes left in the body or in the current chunk
    std::size_t expected_ = 0;   // Content-Length, when there is one
    HttpMessage message_;
};

}  // namespace guichet::escl
