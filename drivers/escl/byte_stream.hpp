// A bidirectional byte pipe that carries HTTP/1.1: a TCP socket, the bulk endpoints of an
// IPP-over-USB interface, or an in-process emulator. Every call has a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "drivers/common/result.hpp"

namespace guichet::escl {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

class ByteStream {
public:
    virtual ~ByteStream() = default;
    // Writes every byte or fails (Timeout, Disconnected, Io).
    virtual Result<void> writeAll(std::span<const std::uint8_t> data, Millis timeout) = 0;
    // Reads what is available, at most buffer.size(); 0 means the peer closed the stream.
    virtual Result<std::size_t> readSome(std::span<std::uint8_t> buffer, Millis timeout) = 0;
    // Brings the pipe back to a clean request boundary after a timeout or a "Connection:
    // close": TCP reconnects, IPP-over-USB sends a soft reset and drains stale bytes.
    virtual Result<void> reset(Millis timeout) = 0;
    // For logs: "tcp 127.0.0.1:60000", "usb 1-2 if1". Never personal data.
    virtual std::string describe() const = 0;
};

}  // namespace guichet::escl
