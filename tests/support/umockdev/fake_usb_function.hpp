// What a fake USB device *does*: the behaviour behind the descriptors. FakeUsbDevice calls
// it from umockdev's worker thread for every transfer, so implementations lock their state.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "drivers/common/bytes.hpp"

namespace guichet::test {

struct SetupPacket {
    std::uint8_t requestType = 0, request = 0;
    std::uint16_t value = 0, index = 0, length = 0;
};

struct InReply {
    enum class Kind { Pending, Data, Stall } kind = Kind::Pending;
    Bytes data;  // Kind::Data; may be empty (a zero-length packet)
    static InReply pending() { return {}; }
    static InReply stall() { return {Kind::Stall, {}}; }
    static InReply bytes(Bytes b) { return {Kind::Data, std::move(b)}; }
};

class FakeUsbFunction {
public:
    virtual ~FakeUsbFunction() = default;
    // The host sent `data` on bulk/interrupt OUT `endpoint`. false = STALL the endpoint.
    virtual bool onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) = 0;
    // Flow control: false keeps the OUT transfer pending (the device NAKs, as a printer out
    // of paper does); it is asked again at every reap until true or the host times out.
    virtual bool acceptsOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) {
        (void)endpoint;
        (void)data;
        return true;
    }
    // The host waits for at most `max` bytes on IN `endpoint`. Polled again (every reap)
    // while Pending, until it answers or the host gives up (timeout → discard).
    virtual InReply onIn(std::uint8_t endpoint, std::size_t max) = 0;
    // A class or vendor control request (standard ones are answered by FakeUsbDevice).
    // nullopt = STALL; for IN requests the returned bytes are the data stage.
    virtual std::optional<Bytes> onControl(const SetupPacket& setup, std::span<const std::uint8_t> outData) {
        (void)setup;
        (void)outData;
        return std::nullopt;
    }
};

}  // namespace guichet::test
