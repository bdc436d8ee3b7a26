#include "drivers/emulators/escl/emulator_connection.hpp"

#include <algorithm>
#include <cstring>

namespace guichet::emu {

void EmulatorConnection::received(std::span<const std::uint8_t> bytes) {
    while (!bytes.empty() && !closed_ && !cut_) {
        auto used = parser_.feed(bytes);
        if (!used) {
            Pending p{emulator_.badRequest(), Clock::now()};
            outbox_.push_back(std::move(p));
            parser_.reset();
            return;
        }
        bytes = bytes.subspan(*used);
        if (parser_.done()) {
            auto request = parser_.take();
            auto response = emulator_.handle(request);
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
}

}  // namespace guichet::emu
