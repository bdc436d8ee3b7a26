#include "tests/printer/emulated_usb_printer.hpp"

#include "drivers/emulators/printer/emulator_transport.hpp"

namespace guichet::test {
namespace {

bool isStatusQuery(std::span<const std::uint8_t> d) { return d.size() == 3 && d[0] == 0x10 && d[1] == 0x04; }

}  // namespace

bool EmulatedUsbPrinter::acceptsOut(std::uint8_t, std::span<const std::uint8_t> data) {
    if (isStatusQuery(data)) return true;  // real-time commands bypass the busy buffer
    const std::size_t hold = holdAfter_;
    if (hold && jobByteCount() >= hold) return false;
    return printer_->wouldAccept(data);
}

bool EmulatedUsbPrinter::onOut(std::uint8_t, std::span<const std::uint8_t> data) {
    if (!isStatusQuery(data)) {
        std::lock_guard lock(mutex_);
        job_.insert(job_.end(), data.begin(), data.end());
    }
    printer_->write(data);
    return true;
}

InReply EmulatedUsbPrinter::onIn(std::uint8_t endpoint, std::size_t max) {
    if (endpoint != inEndpoint_) return InReply::stall();
    Bytes a = printer_->takeAnswers(max);
    if (a.empty()) return InReply::pending();
    return InReply::bytes(std::move(a));
}

std::optional<Bytes> EmulatedUsbPrinter::onControl(const SetupPacket& s, std::span<const std::uint8_t>) {
    if (s.requestType == 0xA1 && s.request == 0x00) return emu::ieee1284DeviceId(printer_->profile());
    if (s.requestType == 0xA1 && s.request == 0x01) return Bytes{static_cast<std::uint8_t>(0x18 | (printer_->paperOut() ? 0x20 : 0))};
    return std::nullopt;
}

Bytes EmulatedUsbPrinter::jobBytes() const {
    std::lock_guard lock(mutex_);
    return job_;
}

std::size_t EmulatedUsbPrinter::jobByteCount() const {
    std::lock_guard lock(mutex_);
    return job_.size();
}

}  // namespace guichet::test
