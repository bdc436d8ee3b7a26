#include "drivers/emulators/escl/emulator_stream.hpp"

#include <thread>

namespace guichet::emu {

Result<void> EmulatorStream::writeAll(std::span<const std::uint8_t> data, escl::Millis) {
    if (emulator_.unplugged() || connection_.cut()) return makeError(ErrorCode::Disconnected, "emulator: unplugged");
    if (connection_.closed()) return makeError(ErrorCode::Disconnected, "emulator: connection closed");
    connection_.received(data);
    return {};
}

Result<std::size_t> EmulatorStream::readSome(std::span<std::uint8_t> buffer, escl::Millis timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (emulator_.unplugged() || connection_.cut()) return makeError(ErrorCode::Disconnected, "emulator: unplugged");
        if (connection_.closed()) return std::size_t{0};
        auto at = connection_.readyAt();
        if (at && *at <= Clock::now()) return connection_.take(buffer);
        auto wake = at ? std::min(*at, deadline) : deadline;
        if (Clock::now() >= deadline) return makeError(ErrorCode::Timeout, "emulator: read timed out");
        std::this_thread::sleep_until(std::min(wake, Clock::now() + escl::Millis(20)));
    }
}

Result<void> EmulatorStream::reset(escl::Millis) {
    ++resets_;
    if (emulator_.unplugged()) return makeError(ErrorCode::Disconnected, "emulator: unplugged");
    connection_.reset();
    return {};
}

}  // namespace guichet::emu
