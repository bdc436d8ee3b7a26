// Blocking bulk, interrupt and control transfers built on libusb's asynchronous API, with
// the completion handed from libusb's event thread to the waiting thread through a mutex.
//
// Why not libusb_bulk_transfer & co.: libusb's synchronous helpers (libusb 1.0.26 sync.c)
// hand the completion over through a plain `int completed` that the event thread writes and
// the caller polls, then free the transfer. With our event thread (UsbContext) handling
// events while a device worker waits, that hand-off is a data race by the C memory model:
// ThreadSanitizer reports the transfer's lock destroyed by the worker "after" the event
// thread locked it (seen in CI, printer.*/card.usb*, one run in three under load). Here the
// callback records the outcome under our own mutex, so the worker frees the transfer only
// after it has synchronised with the event thread: correct by construction, and seen so.
#pragma once

#include <cstdint>

struct libusb_context;
struct libusb_device_handle;

namespace guichet::usb {

struct TransferOutcome {
    int rc = 0;           // a libusb_error: LIBUSB_SUCCESS, LIBUSB_ERROR_TIMEOUT, _PIPE, _NO_DEVICE…
    int transferred = 0;  // bytes moved (for a control transfer: of the data stage)
};

enum class TransferKind { Bulk, Interrupt };

// Moves `length` bytes to or from `endpoint` (its direction bit says which); waits at most
// timeoutMs (> 0), handling libusb's events itself when no other thread does.
TransferOutcome blockingTransfer(libusb_context* ctx, libusb_device_handle* handle, TransferKind kind,
                                 std::uint8_t endpoint, std::uint8_t* data, int length, unsigned int timeoutMs);

// A control transfer: the setup packet's fields, then `length` bytes of data stage (IN: read
// into data; OUT: sent from data).
TransferOutcome blockingControl(libusb_context* ctx, libusb_device_handle* handle, std::uint8_t requestType,
                                std::uint8_t request, std::uint16_t value, std::uint16_t index,
                                std::uint8_t* data, std::uint16_t length, unsigned int timeoutMs);

}  // namespace guichet::usb
