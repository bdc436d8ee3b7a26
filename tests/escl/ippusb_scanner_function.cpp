#include "tests/escl/ippusb_scanner_function.hpp"

namespace guichet::test {

FakeDeviceSpec fakeIppUsbScannerSpec() {
    FakeDeviceSpec s;
    s.vendorId = kFakeScannerVid;
    s.productId = kFakeScannerPid;
    s.manufacturer = "Guichet";
    s.product = "Fake IPP-over-USB Scanner";
    s.serial = "EMU0001";
    FakeInterface printer;
    printer.number = 0;
    printer.cls = 7; printer.subClass = 1; printer.protocol = 2;
    printer.endpoints = {{0x01, 0x02, 512, 0}, {0x81, 0x02, 512, 0}};
    s.interfaces.push_back(printer);
    for (std::uint8_t n = 1; n <= 3; ++n) {
        FakeInterface ipp;
        ipp.number = n;
        ipp.cls = 7; ipp.subClass = 1; ipp.protocol = 4;
        ipp.endpoints = {{static_cast<std::uint8_t>(n + 1), 0x02, 512, 0}, {static_cast<std::uint8_t>(0x81 + n), 0x02, 512, 0}};
        s.interfaces.push_back(ipp);
    }
    return s;
}

IppUsbScannerFunction::IppUsbScannerFunction(emu::EsclEmulator& emulator) : emulator_(emulator) {
    for (int i = 0; i <= 3; ++i) connections_[i] = std::make_unique<emu::EmulatorConnection>(emulator_);
}

bool IppUsbScannerFunction::onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) {
    std::lock_guard lock(mutex_);
    int iface = interfaceOf(endpoint);
    auto it = connections_.find(iface);
    if (it == connections_.end() || iface == 0) return true;  // the print channel swallows bytes
    ++outPackets_[iface];
    it->second->received(data);
    return true;
}

InReply IppUsbScannerFunction::onIn(std::uint8_t endpoint, std::size_t max) {
    std::lock_guard lock(mutex_);
    largestIn_ = std::max(largestIn_, max);
    int iface = (endpoint & 0x0F) - 1;
    auto it = connections_.find(iface);
    if (it == connections_.end() || iface == 0) return InReply::pending();
    Bytes out(max);
    std::size_t n = it->second->take(out);
    // "Connection: close" has no meaning on USB: the interface goes on.
    if (it->second->closed()) it->second->reset();
    if (n == 0) return InReply::pending();
    out.resize(n);
    return InReply::bytes(std::move(out));
}

std::optional<Bytes> IppUsbScannerFunction::onControl(const SetupPacket& setup, std::span<const std::uint8_t>) {
    std::lock_guard lock(mutex_);
    if (setup.requestType == 0x21 && setup.request == 0x02) {  // printer class SOFT_RESET
        auto it = connections_.find(setup.index);
        if (it == connections_.end()) return std::nullopt;
        it->second->reset();
        ++softResets_[setup.index];
        return Bytes{};
    }
    return std::nullopt;
}

int IppUsbScannerFunction::softResets(int interfaceNumber) const {
    std::lock_guard lock(mutex_);
    auto it = softResets_.find(interfaceNumber);
    return it == softResets_.end() ? 0 : it->second;
}

std::size_t IppUsbScannerFunction::largestIn() const {
    std::lock_guard lock(mutex_);
    return largestIn_;
}

int IppUsbScannerFunction::requestsOn(int interfaceNumber) const {
    std::lock_guard lock(mutex_);
    auto it = outPackets_.find(interfaceNumber);
    return it == outPackets_.end() ? 0 : it->second;
}

}  // namespace guichet::test
