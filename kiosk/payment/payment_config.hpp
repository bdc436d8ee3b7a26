// Where the payment terminal (TPE) is and how long to wait for it (the [payment] table of
// config/payment.toml). Without the table, or with enabled = false, the terminal offers
// no card payment.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"
#include "drivers/payment/payment_session.hpp"

namespace guichet::payment {

struct DeviceAddress {
    enum class Kind { Tcp, Usb, Auto };
    Kind kind = Kind::Auto;
    std::string host;
    int port = 8888;
    std::uint16_t vid = 0, pid = 0;
    std::string text() const;  // back to "tcp://host:port", "usb:0b00:0084", "auto"
};

// "tcp://HOST[:PORT]" (8888 by default), "usb:VID:PID" (hex), "auto". InvalidArgument with
// the reason otherwise.
Result<DeviceAddress> parseDeviceAddress(std::string_view text);

struct PaymentConfig {
    bool enabled = false;
    DeviceAddress device;
    std::string currency = "978";
    std::string registerNumber = "01";
    std::string concertId = "000000000001";
    Timeouts timeouts;
};

// Errors are "file:line: what is wrong" (InvalidArgument); `sourceName` names the file.
Result<PaymentConfig> parsePaymentConfig(std::string_view toml, const std::string& sourceName);
Result<PaymentConfig> loadPaymentConfig(const std::string& path);

}  // namespace guichet::payment
