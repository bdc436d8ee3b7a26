#include "drivers/emulators/ccid/emulated_reader_transport.hpp"

#include <algorithm>

namespace guichet::emu {

Result<void> EmulatedReaderTransport::usable() const {
    if (!open_) return makeError(ErrorCode::Disconnected, "emulated reader: transport closed");
    if (reader_->unplugged()) return makeError(ErrorCode::Disconnected, "emulated reader unplugged");
    return {};
}

Result<std::size_t> EmulatedReaderTransport::bulkWrite(std::span<const std::uint8_t> data, usb::Timeout) {
    if (auto u = usable(); !u) return u.error();
    if (!reader_->onBulkOut(data)) {
        if (reader_->unplugged()) return makeError(ErrorCode::Disconnected, "emulated reader unplugged");
        return makeError(ErrorCode::Stall, "emulated reader: message shorter than a CCID header");
    }
    return data.size();
}

static Result<std::size_t> copyOut(Result<Bytes> got, std::span<std::uint8_t> buffer) {
    if (!got) return got.error();
    if (got->size() > buffer.size())
        return makeError(ErrorCode::Io, "emulated reader: overflow (" + std::to_string(got->size()) +
                                            " bytes for a " + std::to_string(buffer.size()) + "-byte buffer)");
    std::copy(got->begin(), got->end(), buffer.begin());
    return got->size();
}

Result<std::size_t> EmulatedReaderTransport::bulkRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) {
    if (auto u = usable(); !u) return u.error();
    return copyOut(reader_->waitBulkIn(timeout), buffer);
}

Result<std::size_t> EmulatedReaderTransport::interruptRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) {
    if (auto u = usable(); !u) return u.error();
    return copyOut(reader_->waitInterrupt(timeout), buffer);
}

void EmulatedReaderTransport::wakeInterruptRead() { reader_->wakeInterruptWaiter(); }

Result<std::size_t> EmulatedReaderTransport::control(const usb::ControlSetup& setup, std::span<std::uint8_t>,
                                               usb::Timeout) {
    if (auto u = usable(); !u) return u.error();
    // Class request ABORT (0x21, 0x01) is the only one the driver sends; others stall.
    if (setup.requestType == 0x21 && setup.request == 0x01) return std::size_t{0};
    return makeError(ErrorCode::Stall, "emulated reader: control request not supported");
}

}  // namespace guichet::emu
