// The wire to a TPE for one transaction: TCP (Caisse-AP over IP) or the serial link over
// USB CDC-ACM. One request out, one answer in; every call has a deadline and notices a
// cancellation within ~100 ms.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"

namespace guichet::payment {

using Millis = std::chrono::milliseconds;

class PaymentLink {
public:
    virtual ~PaymentLink() = default;
    // Opens the connection (TCP connect / USB claim and link handshake). NotFound,
    // Timeout, Disconnected, Io: nothing was sent.
    virtual Result<void> open(Millis timeout) = 0;
    // Sends one whole message. An error here may still have let some bytes out.
    virtual Result<void> send(std::string_view message, Millis timeout) = 0;
    // Waits for one whole answer. Timeout, Cancelled (the flag was raised), Disconnected
    // (closed before the answer was complete), Protocol (malformed bytes).
    virtual Result<std::string> receive(Millis timeout, const std::atomic<bool>& cancel) = 0;
    virtual void close() = 0;
    // For logs: "tcp 127.0.0.1:8888", "usb 0b00:0084". Never personal data.
    virtual std::string describe() const = 0;
};

}  // namespace guichet::payment
