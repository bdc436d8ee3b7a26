// libusb error codes mapped to Guichet's ErrorCode, so that drivers see the same states
// (Timeout, Stall, Disconnected, Busy…) whatever transport they run on.
#pragma once

#include <string_view>

#include "drivers/common/result.hpp"

namespace guichet::usb {

ErrorCode mapLibusbError(int libusbError);
Error fromLibusb(int libusbError, std::string_view what);
// A libusb_transfer_status (async completions) as an error code.
ErrorCode mapTransferStatus(int status);

}  // namespace guichet::usb
