#include "drivers/emulators/escl/emulator_connection.hpp"

#include <algorithm>
#include <cstring>

namespace guichet::emu {

namespace {

std::string asciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Adds "Connection: close" to an answer's head when it does not say it already.
void markClose(Bytes& wire) {
    const std::string_view text(reinterpret_cast<const char*>(wire.data()), wire.size());
    const auto headEnd = text.find("\r\n\r\n");
    if (headEnd == std::string_view::npos) return;
    if (asciiLower(text.substr(0, headEnd)).find("\r\nconnection: close") != std::string::npos) return;
    const auto lineEnd = text.find("\r\n");
    const std::string header = "\r\nConnection: close";
    wire.insert(wire.begin() + static_cast<std::ptrdiff_t>(lineEnd), header.begin(), header.end());
}

}  // namespace

void EmulatorConnection::received(std::span<const std::uint8_t> bytes) {
    while (!bytes.empty() && !closed_ && !cut_ && !closing_) {
        auto used = parser_.feed(bytes);
        if (!used) {
            Pending p{emulator_.badRequest(), Clock::now()};
            outbox_.push_back(std::move(p));
            parser_.reset();
            return;
        }
        bytes = bytes.subspan(*used);
        if (!parser_.done() && parser_.inBody() && !continued_) {
            // RFC 9110 §10.1.1: the client waits for this before sending the body.
            auto expect = parser_.head().header("Expect");
            if (expect && asciiLower(*expect) == "100-continue") {
                EmulatorResponse interim;
                const std::string line = "HTTP/1.1 100 Continue\r\n\r\n";
                interim.wire.assign(line.begin(), line.end());
                outbox_.push_back(Pending{std::move(interim), outbox_.empty() ? Clock::now() : outbox_.back().readyAt});
            }
            continued_ = true;
        }
        if (parser_.done()) {
            continued_ = false;
            auto request = parser_.take();
            auto response = emulator_.handle(request);
            if (!request.keepAlive()) {
                // RFC 9112 §9.6: the client said close; answer with close and read no more.
                response.closeAfter = true;
                closing_ = true;
            }
            if (response.closeAfter) markClose(response.wire);
            Clock::time_point at = Clock::now() + response.delay;
            // Answers go out in order: a slow one holds back the next.
            if (!outbox_.empty()) at = std::max(at, outbox_.back().readyAt);
            outbox_.push_back(Pending{std::move(response), at});
        }
    }
}

std::optional<Clock::time_point> EmulatorConnection::readyAt() const {
    if (outbox_.empty()) return std::nullopt;
    return outbox_.front().readyAt;
}

std::size_t EmulatorConnection::take(std::span<std::uint8_t> out) {
    if (outbox_.empty() || closed_ || cut_ || outbox_.front().readyAt > Clock::now()) return 0;
    Pending& p = outbox_.front();
    std::size_t limit = p.response.wire.size();
    if (p.response.cutAfterBytes) limit = std::min(limit, p.response.cutAfterBytes);
    std::size_t n = std::min(out.size(), limit - p.sent);
    std::memcpy(out.data(), p.response.wire.data() + p.sent, n);
    p.sent += n;
    if (p.sent == limit) {
        if (limit < p.response.wire.size()) cut_ = true;
        else if (p.response.closeAfter) closed_ = true;
        outbox_.pop_front();
    }
    return n;
}

void EmulatorConnection::reset() {
    outbox_.clear();
    parser_.reset();
    closed_ = false;
    cut_ = false;
    closing_ = false;
    continued_ = false;
}

}  // namespace guichet::emu
