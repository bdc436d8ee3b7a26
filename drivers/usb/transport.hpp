// The seam between a device protocol and the wire. Drivers (ESC/POS, CCID, eSCL) talk to a
// Transport; the libusb implementation, the in-process emulators and replay files provide it.
// Every call has a timeout; none may block forever. Errors: Timeout, Stall, Disconnected, Io.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>

#include "drivers/common/result.hpp"

namespace guichet::usb {

using Timeout = std::chrono::milliseconds;

// A USB control request (bmRequestType, bRequest, wValue, wIndex). The direction bit of
// requestType (0x80) tells whether `data` is read into or written from.
struct ControlSetup {
    std::uint8_t requestType = 0;
    std::uint8_t request = 0;
    std::uint16_t value = 0;
    std::uint16_t index = 0;
};

class Transport {
public:
    virtual ~Transport() = default;

    // Writes all of `data` to the bulk OUT endpoint; returns the bytes written.
    virtual Result<std::size_t> bulkWrite(std::span<const std::uint8_t> data, Timeout timeout) = 0;
    // Reads at most buffer.size() bytes from the bulk IN endpoint (one transfer).
    virtual Result<std::size_t> bulkRead(std::span<std::uint8_t> buffer, Timeout timeout) = 0;
    // Reads at most buffer.size() bytes from the interrupt IN endpoint (NotSupported if none).
    virtual Result<std::size_t> interruptRead(std::span<std::uint8_t> buffer, Timeout timeout) = 0;
    // wakeInterruptRead() makes an interruptRead() blocked on another thread return now (as a
    // Timeout; one made just after returns at once instead), so that a worker can sleep on the
    // device's next event yet be reached at once. Transports that cannot say so: their reads
    // end only at their timeout (callers then use short ones).
    virtual bool interruptReadWakeable() const { return false; }
    virtual void wakeInterruptRead() {}
    // A control transfer on endpoint 0; returns the bytes transferred in the data stage.
    virtual Result<std::size_t> control(const ControlSetup& setup, std::span<std::uint8_t> data,
                                        Timeout timeout) = 0;
    // Releases the device; further calls fail with Disconnected. Idempotent.
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
};

}  // namespace guichet::usb
