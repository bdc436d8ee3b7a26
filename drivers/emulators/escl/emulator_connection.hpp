// One client connection to the emulated scanner, independent of the wire: request bytes go
// in, answers come out when their (possibly delayed) time has come. The TCP server, the
// in-process stream and the fake IPP-over-USB interface each own one.
#pragma once

#include <chrono>
#include <deque>
#include <span>

#include "drivers/emulators/escl/escl_emulator.hpp"
#include "drivers/escl/http_parser.hpp"

namespace guichet::emu {

using Clock = std::chrono::steady_clock;

class EmulatorConnection {
public:
    explicit EmulatorConnection(EsclEmulator& emulator) : emulator_(emulator) {}

    // Feeds request bytes; each complete request is answered (queued) at once.
    void received(std::span<const std::uint8_t> bytes);

    // When the next answer byte may be read; nullopt if nothing is queued.
    std::optional<Clock::time_point> readyAt() const;
    // Copies ready answer bytes; 0 when none is ready. Sets `closed` once an answer marked
    // "close" has been fully read, or `cut` when the device vanished mid-answer.
    std::size_t take(std::span<std::uint8_t> out);
    bool closed() const { return closed_; }
    bool cut() const { return cut_; }
    // Forget everything in flight (a new connection, or a USB soft reset).
    void reset();

private:
    struct Pending {
        EmulatorResponse response;
        Clock::time_point readyAt;
        std::size_t sent = 0;
    };

    EsclEmulator& emulator_;
    escl::HttpParser parser_{escl::HttpParser::Kind::Request};
    std::deque<Pending> outbox_;
    bool closed_ = false;
    bool cut_ = false;
    bool closing_ = false;    // the client asked to close: its answer is the last
    bool continued_ = false;  // "100 Continue" already sent for the request being read
};

}  // namespace guichet::emu
