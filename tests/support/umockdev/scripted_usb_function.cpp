#include "tests/support/umockdev/scripted_usb_function.hpp"

namespace guichet::test {

void ScriptedUsbFunction::setOutHook(OutHook hook) {
    std::lock_guard lock(mutex_);
    outHook_ = std::move(hook);
}

void ScriptedUsbFunction::setControlHook(ControlHook hook) {
    std::lock_guard lock(mutex_);
    controlHook_ = std::move(hook);
}

void ScriptedUsbFunction::queueIn(std::uint8_t endpoint, Bytes data) {
    std::lock_guard lock(mutex_);
    inQueues_[endpoint].push_back(std::move(data));
}

void ScriptedUsbFunction::stallNextOut(std::uint8_t endpoint) {
    std::lock_guard lock(mutex_);
    stallOut_[endpoint] = true;
}

void ScriptedUsbFunction::stallNextIn(std::uint8_t endpoint) {
    std::lock_guard lock(mutex_);
    stallIn_[endpoint] = true;
}

void ScriptedUsbFunction::setNak(std::uint8_t endpoint, bool nak) {
    std::lock_guard lock(mutex_);
    nak_[endpoint] = nak;
}

bool ScriptedUsbFunction::acceptsOut(std::uint8_t endpoint, std::span<const std::uint8_t>) {
    std::lock_guard lock(mutex_);
    return !nak_[endpoint];
}

Bytes ScriptedUsbFunction::received(std::uint8_t endpoint) const {
    std::lock_guard lock(mutex_);
    auto it = received_.find(endpoint);
    return it == received_.end() ? Bytes{} : it->second;
}

void ScriptedUsbFunction::clearReceived(std::uint8_t endpoint) {
    std::lock_guard lock(mutex_);
    received_[endpoint].clear();
}

bool ScriptedUsbFunction::waitForOut(std::uint8_t endpoint, std::size_t bytes, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] {
        auto it = received_.find(endpoint);
        return it != received_.end() && it->second.size() >= bytes;
    });
}

bool ScriptedUsbFunction::onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) {
    OutHook hook;
    {
        std::lock_guard lock(mutex_);
        if (stallOut_[endpoint]) {
            stallOut_[endpoint] = false;
            return false;
        }
        auto& r = received_[endpoint];
        r.insert(r.end(), data.begin(), data.end());
        hook = outHook_;
    }
    cv_.notify_all();
    if (hook) hook(*this, endpoint, data);  // outside the lock: the hook may queue answers
    return true;
}

InReply ScriptedUsbFunction::onIn(std::uint8_t endpoint, std::size_t max) {
    (void)max;
    std::lock_guard lock(mutex_);
    if (stallIn_[endpoint]) {
        stallIn_[endpoint] = false;
        return InReply::stall();
    }
    auto& q = inQueues_[endpoint];
    if (q.empty()) return InReply::pending();
    Bytes b = std::move(q.front());
    q.pop_front();
    return InReply::bytes(std::move(b));
}

std::optional<Bytes> ScriptedUsbFunction::onControl(const SetupPacket& setup, std::span<const std::uint8_t> outData) {
    ControlHook hook;
    {
        std::lock_guard lock(mutex_);
        hook = controlHook_;
    }
    return hook ? hook(setup, outData) : std::nullopt;
}

}  // namespace guichet::test
