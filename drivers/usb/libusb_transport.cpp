#include "drivers/usb/libusb_transport.hpp"

#include <libusb.h>

#include <algorithm>
#include <climits>

#include "drivers/common/log.hpp"
#include "drivers/usb/blocking_transfer.hpp"
#include "drivers/usb/usb_error.hpp"

namespace guichet::usb {
namespace {

unsigned int toMs(Timeout t) {
    // libusb treats 0 as "wait forever": never let a caller ask for that by accident.
    long long ms = t.count();
    if (ms <= 0) ms = 1;
    if (ms > UINT_MAX) ms = UINT_MAX;
    return static_cast<unsigned int>(ms);
}

Error closedError() { return makeError(ErrorCode::Disconnected, "USB device closed or unplugged"); }

}  // namespace

Result<std::unique_ptr<LibusbTransport>> LibusbTransport::open(std::shared_ptr<UsbContext> ctx, const UsbDeviceInfo& info) {
    libusb_device** list = nullptr;
    ssize_t n = libusb_get_device_list(ctx->raw(), &list);
    if (n < 0) return fromLibusb(static_cast<int>(n), "listing USB devices");
    libusb_device* target = nullptr;
    for (ssize_t i = 0; i < n; ++i) {
        if (libusb_get_bus_number(list[i]) == info.bus && libusb_get_device_address(list[i]) == info.address) {
            target = libusb_ref_device(list[i]);
            break;
        }
    }
    libusb_free_device_list(list, 1);
    if (!target) return makeError(ErrorCode::NotFound, "USB device " + info.id() + " is not attached");

    libusb_device_handle* h = nullptr;
    int rc = libusb_open(target, &h);
    libusb_unref_device(target);
    if (rc != LIBUSB_SUCCESS) return fromLibusb(rc, "opening " + info.id());

    // usblp (printers) and others bind the interface: detach on claim, reattach on release.
    libusb_set_auto_detach_kernel_driver(h, 1);
    rc = libusb_claim_interface(h, info.iface.number);
    if (rc != LIBUSB_SUCCESS) {
        libusb_close(h);
        return fromLibusb(rc, "claiming interface " + std::to_string(info.iface.number) + " of " + info.id());
    }
    if (info.iface.alternate != 0) {
        rc = libusb_set_interface_alt_setting(h, info.iface.number, info.iface.alternate);
        if (rc != LIBUSB_SUCCESS) {
            libusb_release_interface(h, info.iface.number);
            libusb_close(h);
            return fromLibusb(rc, "selecting alternate setting on " + info.id());
        }
    }
    return std::unique_ptr<LibusbTransport>(new LibusbTransport(std::move(ctx), h, info));
}

LibusbTransport::~LibusbTransport() { close(); }

void LibusbTransport::close() {
    std::lock_guard lock(mutex_);
    if (!handle_) return;
    if (!disconnected_) libusb_release_interface(handle_, device_.iface.number);
    libusb_close(handle_);
    handle_ = nullptr;
}

bool LibusbTransport::isOpen() const {
    std::lock_guard lock(mutex_);
    return handle_ != nullptr && !disconnected_;
}

Result<std::size_t> LibusbTransport::transferOnce(std::uint8_t endpoint, bool interrupt, std::uint8_t* data, int length,
                                                   Timeout timeout, int& rcOut) {
    auto outcome = blockingTransfer(ctx_->raw(), handle_, interrupt ? TransferKind::Interrupt : TransferKind::Bulk,
                                    endpoint, data, length, toMs(timeout));
    rcOut = outcome.rc;
    if (rcOut == LIBUSB_ERROR_NO_DEVICE) disconnected_ = true;
    return static_cast<std::size_t>(outcome.transferred);
}

Result<std::size_t> LibusbTransport::bulkWrite(std::span<const std::uint8_t> data, Timeout timeout) {
    std::lock_guard lock(mutex_);
    if (!handle_ || disconnected_) return closedError();
    if (!device_.iface.bulkOut) return makeError(ErrorCode::NotSupported, device_.id() + " has no bulk OUT endpoint");
    std::size_t done = 0;
    bool retried = false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (done < data.size()) {
        auto left = std::chrono::duration_cast<Timeout>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return makeError(ErrorCode::Timeout, "bulk write to " + device_.id() + " timed out");
        int rc = 0;
        // libusb wants a non-const buffer even for OUT transfers; it does not write to it.
        auto* p = const_cast<std::uint8_t*>(data.data() + done);
        int chunk = static_cast<int>(std::min<std::size_t>(data.size() - done, 1u << 20));
        done += *transferOnce(device_.iface.bulkOut, false, p, chunk, left, rc);
        if (rc == LIBUSB_SUCCESS) continue;
        if (rc == LIBUSB_ERROR_PIPE && !retried) {
            retried = true;
            log::warning("usb", device_.id() + ": OUT endpoint stalled, clearing halt and retrying once");
            libusb_clear_halt(handle_, device_.iface.bulkOut);
            continue;
        }
        return fromLibusb(rc, "bulk write to " + device_.id() + " after " + std::to_string(done) + " bytes");
    }
    return done;
}

Result<std::size_t> LibusbTransport::bulkRead(std::span<std::uint8_t> buffer, Timeout timeout) {
    std::lock_guard lock(mutex_);
    if (!handle_ || disconnected_) return closedError();
    if (!device_.iface.bulkIn) return makeError(ErrorCode::NotSupported, device_.id() + " has no bulk IN endpoint");
    for (int attempt = 0; attempt < 2; ++attempt) {
        int rc = 0;
        auto n = transferOnce(device_.iface.bulkIn, false, buffer.data(), static_cast<int>(buffer.size()), timeout, rc);
        if (rc == LIBUSB_SUCCESS) return n;
        // A timeout with a partial answer is still an answer.
        if (rc == LIBUSB_ERROR_TIMEOUT && *n > 0) return n;
        if (rc == LIBUSB_ERROR_PIPE && attempt == 0) {
            log::warning("usb", device_.id() + ": IN endpoint stalled, clearing halt and retrying once");
            libusb_clear_halt(handle_, device_.iface.bulkIn);
            continue;
        }
        return fromLibusb(rc, "bulk read from " + device_.id());
    }
    return makeError(ErrorCode::Stall, "bulk read from " + device_.id() + ": endpoint keeps stalling");
}

Result<std::size_t> LibusbTransport::interruptRead(std::span<std::uint8_t> buffer, Timeout timeout) {
    std::lock_guard lock(mutex_);
    if (!handle_ || disconnected_) return closedError();
    if (!device_.iface.interruptIn) return makeError(ErrorCode::NotSupported, device_.id() + " has no interrupt IN endpoint");
    int rc = 0;
    auto n = transferOnce(device_.iface.interruptIn, true, buffer.data(), static_cast<int>(buffer.size()), timeout, rc);
    if (rc == LIBUSB_SUCCESS) return n;
    return fromLibusb(rc, "interrupt read from " + device_.id());
}

Result<std::size_t> LibusbTransport::control(const ControlSetup& s, std::span<std::uint8_t> data, Timeout timeout) {
    std::lock_guard lock(mutex_);
    if (!handle_ || disconnected_) return closedError();
    auto outcome = blockingControl(ctx_->raw(), handle_, s.requestType, s.request, s.value, s.index, data.data(),
                                   static_cast<std::uint16_t>(std::min<std::size_t>(data.size(), 0xFFFF)), toMs(timeout));
    const int rc = outcome.rc;
    if (rc == LIBUSB_SUCCESS) return static_cast<std::size_t>(outcome.transferred);
    if (rc == LIBUSB_ERROR_NO_DEVICE) disconnected_ = true;
    return fromLibusb(rc, "control request " + std::to_string(s.request) + " to " + device_.id());
}

std::string LibusbTransport::stringDescriptor(std::uint8_t index, Timeout timeout) {
    std::lock_guard lock(mutex_);
    if (!handle_ || disconnected_ || index == 0) return {};
    // GET_DESCRIPTOR(STRING): index 0 lists the language ids, the first is used (USB 2.0
    // §9.6.7); the string itself is UTF-16LE after a 2-byte header, kept as ASCII here.
    auto getString = [&](std::uint8_t i, std::uint16_t langId, std::uint8_t* buf, std::uint16_t size) {
        auto o = blockingControl(ctx_->raw(), handle_, LIBUSB_ENDPOINT_IN, LIBUSB_REQUEST_GET_DESCRIPTOR,
                                 static_cast<std::uint16_t>((LIBUSB_DT_STRING << 8) | i), langId, buf, size, toMs(timeout));
        if (o.rc != LIBUSB_SUCCESS || o.transferred < 2 || buf[1] != LIBUSB_DT_STRING) return 0;
        return std::min<int>(o.transferred, buf[0]);  // a device may claim more than it sent
    };
    std::uint8_t buf[255];
    if (getString(0, 0, buf, sizeof buf) < 4) return {};
    const auto langId = static_cast<std::uint16_t>(buf[2] | (buf[3] << 8));
    const int n = getString(index, langId, buf, sizeof buf);
    std::string text;
    for (int i = 2; i + 1 < n; i += 2) {
        const bool ascii = buf[i + 1] == 0 && buf[i] >= 0x20 && buf[i] < 0x7F;
        text.push_back(ascii ? static_cast<char>(buf[i]) : '?');
    }
    return text;
}

}  // namespace guichet::usb
