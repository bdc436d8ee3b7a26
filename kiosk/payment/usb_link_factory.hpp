// Finds the TPE on USB (CDC data interface of the given VID:PID, or of a known TPE maker
// for "auto") and returns its link. Kept apart so the TCP path needs no USB context.
#pragma once

#include <memory>

#include "drivers/payment/payment_link.hpp"
#include "kiosk/payment/payment_config.hpp"

namespace guichet::payment {

Result<std::unique_ptr<PaymentLink>> makeUsbLink(const DeviceAddress& address);

}  // namespace guichet::payment
