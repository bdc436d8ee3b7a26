// The software TPE as a fake USB CDC-ACM device for umockdev: the serial link layer
// (ENQ/ACK, STX…ETX LRC, NAK, EOT) on bulk OUT 0x01 / IN 0x82 of a data interface (class
// 0x0A) next to a communications interface (class 0x02), the answers from TpeEmulator.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>

#include "drivers/emulators/payment/tpe_emulator.hpp"
#include "drivers/payment/serial_frame.hpp"
#include "tests/support/umockdev/fake_usb_function.hpp"
#include "tests/support/umockdev/usb_descriptors.hpp"

namespace guichet::test {

inline constexpr std::uint8_t kTpeOut = 0x01, kTpeIn = 0x82;

// 0b00:0084 — an Ingenico vendor id with a made-up product id (no real descriptor at hand).
FakeDeviceSpec fakeTpeSpec();

class UsbTpeFunction : public FakeUsbFunction {
public:
    explicit UsbTpeFunction(emu::TpeEmulator& tpe) : tpe_(tpe) {}

    void corruptFirstAnswer() { corruptNext_ = true; }  // the host must NAK, we resend
    Bytes hostBytes() const;                            // everything the register wrote
    bool requestReceived() const;
    int naksReceived() const;
    int controlRequests() const;

    bool onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    InReply onIn(std::uint8_t endpoint, std::size_t max) override;
    std::optional<Bytes> onControl(const SetupPacket& setup, std::span<const std::uint8_t> outData) override;

private:
    enum class Phase { Idle, GotRequest, Working, AnswerEnq, AnswerSent, Done };
    emu::TpeEmulator& tpe_;
    mutable std::mutex mutex_;
    payment::serial::FrameReader reader_;
    Phase phase_ = Phase::Idle;
    std::string request_, answer_;
    std::chrono::steady_clock::time_point answerAt_;
    std::deque<std::uint8_t> toHost_;
    Bytes hostBytes_;
    bool corruptNext_ = false;
    int naks_ = 0, controls_ = 0;
};

}  // namespace guichet::test
