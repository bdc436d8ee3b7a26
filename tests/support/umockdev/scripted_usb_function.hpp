// A FakeUsbFunction driven by the test: records what the host wrote on each OUT endpoint,
// answers IN transfers from per-endpoint queues (or a responder), stalls on demand. Safe to
// script from the test thread while umockdev's worker thread serves the host.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>

#include "tests/support/umockdev/fake_usb_function.hpp"

namespace guichet::test {

class ScriptedUsbFunction : public FakeUsbFunction {
public:
    // Called with every OUT packet; may queue IN answers (e.g. a status byte per DLE EOT).
    using OutHook = std::function<void(ScriptedUsbFunction& self, std::uint8_t endpoint, std::span<const std::uint8_t>)>;
    using ControlHook = std::function<std::optional<Bytes>(const SetupPacket&, std::span<const std::uint8_t>)>;

    void setOutHook(OutHook hook);
    void setControlHook(ControlHook hook);

    void queueIn(std::uint8_t endpoint, Bytes data);  // one IN transfer's answer
    void stallNextOut(std::uint8_t endpoint);         // the next OUT on it stalls (once)
    void stallNextIn(std::uint8_t endpoint);
    void setNak(std::uint8_t endpoint, bool nak);     // true: OUT transfers stay pending (host times out)

    Bytes received(std::uint8_t endpoint) const;      // everything written so far
    void clearReceived(std::uint8_t endpoint);
    // Waits until at least `bytes` were written on `endpoint`; false on timeout.
    bool waitForOut(std::uint8_t endpoint, std::size_t bytes, std::chrono::milliseconds timeout) const;

    bool onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    bool acceptsOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    InReply onIn(std::uint8_t endpoint, std::size_t max) override;
    std::optional<Bytes> onControl(const SetupPacket& setup, std::span<const std::uint8_t> outData) override;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
    std::map<std::uint8_t, Bytes> received_;
    std::map<std::uint8_t, std::deque<Bytes>> inQueues_;
    std::map<std::uint8_t, bool> stallOut_, stallIn_, nak_;
    OutHook outHook_;
    ControlHook controlHook_;
};

}  // namespace guichet::test
