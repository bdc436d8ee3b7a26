// Caisse-AP over USB: the TPE is a CDC-ACM device driven through libusb (bulk endpoints of
// the data interface, class 0x0A), not a kernel tty, with the serial link layer on top
// (serial_frame.hpp). The Transport comes from an opener so tests can hand in umockdev.
#pragma once

#include <deque>
#include <functional>
#include <memory>

#include "drivers/common/bytes.hpp"
#include "drivers/payment/payment_link.hpp"
#include "drivers/usb/transport.hpp"

namespace guichet::payment {

// TPE makers whose USB vendor id "auto" accepts on a CDC data interface (docs/payment.md).
inline constexpr std::uint16_t kKnownTpeVendors[] = {0x0b00 /* Ingenico */, 0x11ca /* Verifone */};
inline constexpr std::uint8_t kClassCdcData = 0x0A;
inline constexpr std::uint8_t kClassCdcComm = 0x02;

class UsbCdcLink final : public PaymentLink {
public:
    using Opener = std::function<Result<std::unique_ptr<usb::Transport>>()>;
    // commInterface: where SET_CONTROL_LINE_STATE goes (usually data interface - 1).
    UsbCdcLink(Opener opener, std::string description, int commInterface = 0)
        : opener_(std::move(opener)), description_(std::move(description)), commInterface_(commInterface) {}
    ~UsbCdcLink() override { close(); }

    Result<void> open(Millis timeout) override;
    Result<void> send(std::string_view message, Millis timeout) override;
    Result<std::string> receive(Millis timeout, const std::atomic<bool>& cancel) override;
    void close() override;
    std::string describe() const override { return description_; }

    static constexpr Millis kLinkTimeout{3000};  // ACK/LRC waits of the serial link layer

private:
    Result<void> writeBytes(const Bytes& b, Millis timeout);
    // One byte, or Timeout; Cancelled when `cancel` rises (checked every slice).
    Result<std::uint8_t> readByte(Millis timeout, const std::atomic<bool>* cancel);

    Opener opener_;
    std::string description_;
    int commInterface_;
    std::unique_ptr<usb::Transport> transport_;
    std::deque<std::uint8_t> pending_;
};

}  // namespace guichet::payment
