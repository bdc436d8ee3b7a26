#include "drivers/usb/blocking_transfer.hpp"

#include <libusb.h>

#include <cstring>
#include <mutex>
#include <vector>

namespace guichet::usb {
namespace {

struct Completion {
    std::mutex mutex;
    bool done = false;  // guarded by mutex: the hand-off the worker relies on
    // Only what libusb's event-waiting reads to return early (it checks it under its own
    // event-waiters lock, so no wake-up is lost); never read by us to decide anything.
    int libusbCompleted = 0;
};

void LIBUSB_CALL onTransferDone(libusb_transfer* transfer) {
    auto* c = static_cast<Completion*>(transfer->user_data);
    // Both under the lock: once it is released the waiting thread may return and its
    // Completion (on its stack) be gone.
    std::lock_guard lock(c->mutex);
    c->done = true;
    __atomic_store_n(&c->libusbCompleted, 1, __ATOMIC_RELEASE);
}

bool isDone(Completion& c) {
    std::lock_guard lock(c.mutex);
    return c.done;
}

int statusToError(int status) {
    switch (status) {
        case LIBUSB_TRANSFER_COMPLETED: return LIBUSB_SUCCESS;
        case LIBUSB_TRANSFER_TIMED_OUT: return LIBUSB_ERROR_TIMEOUT;
        case LIBUSB_TRANSFER_STALL: return LIBUSB_ERROR_PIPE;
        case LIBUSB_TRANSFER_OVERFLOW: return LIBUSB_ERROR_OVERFLOW;
        case LIBUSB_TRANSFER_NO_DEVICE: return LIBUSB_ERROR_NO_DEVICE;
        default: return LIBUSB_ERROR_IO;  // LIBUSB_TRANSFER_ERROR, _CANCELLED
    }
}

// Submits the filled transfer, waits for its completion, frees it. libusb enforces the
// transfer's own timeout (it completes it as TIMED_OUT), so the wait always ends.
TransferOutcome submitAndWait(libusb_context* ctx, libusb_transfer* transfer, Completion& completion) {
    TransferOutcome out;
    out.rc = libusb_submit_transfer(transfer);
    if (out.rc != LIBUSB_SUCCESS) {
        libusb_free_transfer(transfer);
        return out;
    }
    while (!isDone(completion)) {
        // Returns when an event was handled (by this thread, or by the event thread, which
        // wakes the waiters), when the completion flag is set, or after 1 s in any case.
        timeval tv{1, 0};
        int rc = libusb_handle_events_timeout_completed(ctx, &tv, &completion.libusbCompleted);
        if (rc < 0 && rc != LIBUSB_ERROR_INTERRUPTED) libusb_cancel_transfer(transfer);  // as libusb's sync.c does
    }
    out.rc = statusToError(transfer->status);
    out.transferred = transfer->actual_length;
    libusb_free_transfer(transfer);
    return out;
}

}  // namespace

TransferOutcome blockingTransfer(libusb_context* ctx, libusb_device_handle* handle, TransferKind kind,
                                 std::uint8_t endpoint, std::uint8_t* data, int length, unsigned int timeoutMs) {
    libusb_transfer* transfer = libusb_alloc_transfer(0);
    if (!transfer) return {LIBUSB_ERROR_NO_MEM, 0};
    Completion completion;
    if (kind == TransferKind::Interrupt)
        libusb_fill_interrupt_transfer(transfer, handle, endpoint, data, length, onTransferDone, &completion, timeoutMs);
    else
        libusb_fill_bulk_transfer(transfer, handle, endpoint, data, length, onTransferDone, &completion, timeoutMs);
    return submitAndWait(ctx, transfer, completion);
}

TransferOutcome blockingControl(libusb_context* ctx, libusb_device_handle* handle, std::uint8_t requestType,
                                std::uint8_t request, std::uint16_t value, std::uint16_t index,
                                std::uint8_t* data, std::uint16_t length, unsigned int timeoutMs) {
    // The setup packet and the data stage in one buffer, as libusb wants it.
    std::vector<unsigned char> buffer(LIBUSB_CONTROL_SETUP_SIZE + length);
    libusb_fill_control_setup(buffer.data(), requestType, request, value, index, length);
    const bool out = (requestType & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_OUT;
    if (out && length > 0) std::memcpy(buffer.data() + LIBUSB_CONTROL_SETUP_SIZE, data, length);
    libusb_transfer* transfer = libusb_alloc_transfer(0);
    if (!transfer) return {LIBUSB_ERROR_NO_MEM, 0};
    Completion completion;
    libusb_fill_control_transfer(transfer, handle, buffer.data(), onTransferDone, &completion, timeoutMs);
    TransferOutcome result = submitAndWait(ctx, transfer, completion);
    if (result.rc == LIBUSB_SUCCESS && !out && result.transferred > 0)
        std::memcpy(data, buffer.data() + LIBUSB_CONTROL_SETUP_SIZE, static_cast<std::size_t>(result.transferred));
    return result;
}

}  // namespace guichet::usb
