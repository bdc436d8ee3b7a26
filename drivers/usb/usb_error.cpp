#include "drivers/usb/usb_error.hpp"

#include <libusb.h>

#include <string>

namespace guichet::usb {

ErrorCode mapLibusbError(int e) {
    switch (e) {
        case LIBUSB_ERROR_TIMEOUT: return ErrorCode::Timeout;
        case LIBUSB_ERROR_PIPE: return ErrorCode::Stall;
        case LIBUSB_ERROR_NO_DEVICE: return ErrorCode::Disconnected;
        case LIBUSB_ERROR_NOT_FOUND: return ErrorCode::NotFound;
        case LIBUSB_ERROR_BUSY: return ErrorCode::Busy;
        case LIBUSB_ERROR_ACCESS: return ErrorCode::PermissionDenied;
        case LIBUSB_ERROR_NOT_SUPPORTED: return ErrorCode::NotSupported;
        case LIBUSB_ERROR_INVALID_PARAM: return ErrorCode::InvalidArgument;
        case LIBUSB_ERROR_INTERRUPTED: return ErrorCode::Cancelled;
        case LIBUSB_ERROR_OVERFLOW: return ErrorCode::Protocol;
        default: return ErrorCode::Io;
    }
}

Error fromLibusb(int e, std::string_view what) {
    std::string msg(what);
    msg += ": ";
    msg += libusb_error_name(e);
    if (e == LIBUSB_ERROR_ACCESS) msg += " (no permission on /dev/bus/usb: install the udev rule, see docs/usb.md)";
    if (e == LIBUSB_ERROR_BUSY) msg += " (another program or kernel driver holds the interface)";
    return makeError(mapLibusbError(e), std::move(msg));
}

ErrorCode mapTransferStatus(int status) {
    switch (status) {
        case LIBUSB_TRANSFER_TIMED_OUT: return ErrorCode::Timeout;
        case LIBUSB_TRANSFER_STALL: return ErrorCode::Stall;
        case LIBUSB_TRANSFER_NO_DEVICE: return ErrorCode::Disconnected;
        case LIBUSB_TRANSFER_CANCELLED: return ErrorCode::Cancelled;
        case LIBUSB_TRANSFER_OVERFLOW: return ErrorCode::Protocol;
        default: return ErrorCode::Io;
    }
}

}  // namespace guichet::usb
