// The emulated eSCL scanner as the behaviour of a fake USB device under umockdev: a printer
// interface 7/1/2 plus three IPP-over-USB interfaces 7/1/4, each with its own HTTP
// connection to the emulator; SOFT_RESET on an interface drops what it had in flight.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "drivers/emulators/escl/emulator_connection.hpp"
#include "tests/support/umockdev/fake_usb_function.hpp"
#include "tests/support/umockdev/usb_descriptors.hpp"

namespace guichet::test {

// VID:PID of the fake scanner (a made-up product id under a test vendor id).
inline constexpr std::uint16_t kFakeScannerVid = 0x1d6b, kFakeScannerPid = 0x5c4e;

// Interface 0: 7/1/2 (OUT 0x01, IN 0x81); interfaces 1..3: 7/1/4 (OUT 0x0N+1, IN 0x8N+1).
FakeDeviceSpec fakeIppUsbScannerSpec();

class IppUsbScannerFunction : public FakeUsbFunction {
public:
    explicit IppUsbScannerFunction(emu::EsclEmulator& emulator);

    bool onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    InReply onIn(std::uint8_t endpoint, std::size_t max) override;
    std::optional<Bytes> onControl(const SetupPacket& setup, std::span<const std::uint8_t> outData) override;

    int softResets(int interfaceNumber) const;
    std::size_t largestIn() const;
    int requestsOn(int interfaceNumber) const;

private:
    static int interfaceOf(std::uint8_t endpoint) { return (endpoint & 0x0F) - 1; }

    emu::EsclEmulator& emulator_;
    mutable std::mutex mutex_;
    std::map<int, std::unique_ptr<emu::EmulatorConnection>> connections_;
    std::map<int, int> softResets_, outPackets_;
    std::size_t largestIn_ = 0;
};

}  // namespace guichet::test
