#include "tests/support/umockdev/fake_usb_device.hpp"

#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <umockdev.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

namespace guichet::test {
namespace {

constexpr std::size_t ioctlSize(unsigned long request) { return (request >> _IOC_SIZESHIFT) & _IOC_SIZEMASK; }

usbdevfs_urb* urbStruct(UMockdevIoctlData* d) { return reinterpret_cast<usbdevfs_urb*>(d->data); }

// Resolves the pointed-to argument of an ioctl; null when the ioctl carries a plain value.
UMockdevIoctlData* resolveArg(UMockdevIoctlClient* client, std::size_t size) {
    if (size == 0) return nullptr;
    GError* err = nullptr;
    UMockdevIoctlData* d = umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(client), 0, size, &err);
    if (err) g_error_free(err);
    return d;
}

}  // namespace

FakeUsbDevice::FakeUsbDevice(FakeDeviceSpec spec, std::shared_ptr<FakeUsbFunction> function, std::string kernelDriver)
    : spec_(std::move(spec)), function_(std::move(function)), kernelDriver_(std::move(kernelDriver)) {
    driverBound_ = !kernelDriver_.empty();
    handler_ = umockdev_ioctl_base_new();
    g_signal_connect(handler_, "handle-ioctl", G_CALLBACK(&FakeUsbDevice::onIoctlThunk), this);
    g_signal_connect(handler_, "client-vanished", G_CALLBACK(&FakeUsbDevice::onVanishedThunk), this);
}

FakeUsbDevice::~FakeUsbDevice() {
    // The testbed (which outlives no device) has detached the handler by now.
    g_signal_handlers_disconnect_by_data(handler_, this);
    for (auto& u : pendingIn_) release(u);
    for (auto& u : pendingOut_) release(u);
    for (auto& u : completed_) release(u);
    g_object_unref(handler_);
}

int FakeUsbDevice::onIoctlThunk(UMockdevIoctlBase*, UMockdevIoctlClient* client, void* self) {
    return static_cast<FakeUsbDevice*>(self)->onIoctl(client) ? TRUE : FALSE;
}

void FakeUsbDevice::onVanishedThunk(UMockdevIoctlBase*, UMockdevIoctlClient* client, void* self) {
    auto* dev = static_cast<FakeUsbDevice*>(self);
    auto drop = [&](std::deque<Urb>& q) {
        for (auto it = q.begin(); it != q.end();) {
            if (it->client == client) {
                dev->release(*it);
                it = q.erase(it);
            } else {
                ++it;
            }
        }
    };
    drop(dev->pendingIn_);
    drop(dev->pendingOut_);
    drop(dev->completed_);
}

void FakeUsbDevice::release(Urb& u) {
    if (u.urb) g_object_unref(u.urb);
    if (u.buffer) g_object_unref(u.buffer);
    u.urb = u.buffer = nullptr;
}

bool FakeUsbDevice::onIoctl(UMockdevIoctlClient* client) {
    const unsigned long request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);

    if (request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY) {
        reap(client, arg);  // reaping still drains completions after an unplug
        return true;
    }
    if (gone_) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        return true;
    }
    switch (request) {
        case USBDEVFS_SUBMITURB: submit(client, arg); return true;
        case USBDEVFS_DISCARDURB: discard(client, arg); return true;
        case USBDEVFS_GET_CAPABILITIES: {
            UMockdevIoctlData* d = resolveArg(client, ioctlSize(request));
            // One URB per transfer whatever its size; disconnect-and-claim available.
            std::uint32_t caps = USBDEVFS_CAP_NO_PACKET_SIZE_LIM | USBDEVFS_CAP_REAP_AFTER_DISCONNECT |
                                 USBDEVFS_CAP_ZERO_PACKET;
            std::memcpy(d->data, &caps, sizeof caps);
            umockdev_ioctl_client_complete(client, 0, 0);
            g_object_unref(d);
            return true;
        }
        case USBDEVFS_CLAIMINTERFACE:
            if (driverBound_) {
                umockdev_ioctl_client_complete(client, -1, EBUSY);
            } else {
                ++claims_;
                umockdev_ioctl_client_complete(client, 0, 0);
            }
            return true;
        case USBDEVFS_DISCONNECT_CLAIM: {
            if (driverBound_) ++detaches_;
            driverBound_ = false;
            ++claims_;
            umockdev_ioctl_client_complete(client, 0, 0);
            return true;
        }
        case USBDEVFS_GETDRIVER: {
            if (!driverBound_) {
                umockdev_ioctl_client_complete(client, -1, ENODATA);
                return true;
            }
            UMockdevIoctlData* d = resolveArg(client, ioctlSize(request));
            auto* gd = reinterpret_cast<usbdevfs_getdriver*>(d->data);
            std::strncpy(gd->driver, kernelDriver_.c_str(), sizeof gd->driver - 1);
            umockdev_ioctl_client_complete(client, 0, 0);
            g_object_unref(d);
            return true;
        }
        case USBDEVFS_IOCTL: {
            UMockdevIoctlData* d = resolveArg(client, sizeof(usbdevfs_ioctl));
            const auto* io = reinterpret_cast<const usbdevfs_ioctl*>(d->data);
            if (io->ioctl_code == static_cast<int>(USBDEVFS_DISCONNECT)) {
                if (!driverBound_) {
                    umockdev_ioctl_client_complete(client, -1, ENODATA);
                } else {
                    driverBound_ = false;
                    ++detaches_;
                    umockdev_ioctl_client_complete(client, 0, 0);
                }
            } else if (io->ioctl_code == static_cast<int>(USBDEVFS_CONNECT)) {
                driverBound_ = !kernelDriver_.empty();
                umockdev_ioctl_client_complete(client, 0, 0);
            } else {
                umockdev_ioctl_client_complete(client, -1, ENOTTY);
            }
            g_object_unref(d);
            return true;
        }
        case USBDEVFS_CLEAR_HALT: {
            UMockdevIoctlData* d = resolveArg(client, ioctlSize(request));
            unsigned int ep = 0;
            std::memcpy(&ep, d->data, sizeof ep);
            halted_[static_cast<std::uint8_t>(ep)] = false;
            ++clearHalts_;
            umockdev_ioctl_client_complete(client, 0, 0);
            g_object_unref(d);
            return true;
        }
        case USBDEVFS_RELEASEINTERFACE:
        case USBDEVFS_SETINTERFACE:
        case USBDEVFS_SETCONFIGURATION:
        case USBDEVFS_RESET:
        case USBDEVFS_RESETEP:
            umockdev_ioctl_client_complete(client, 0, 0);
            return true;
        default:
            umockdev_ioctl_client_complete(client, -1, ENOTTY);
            return true;
    }
}

void FakeUsbDevice::submit(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    GError* err = nullptr;
    UMockdevIoctlData* urbData = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), &err);
    if (err || !urbData) {
        if (err) g_error_free(err);
        umockdev_ioctl_client_complete(client, -1, EFAULT);
        return;
    }
    usbdevfs_urb* u = urbStruct(urbData);
    UMockdevIoctlData* buf = nullptr;
    if (u->buffer_length > 0) {
        buf = umockdev_ioctl_data_resolve(urbData, offsetof(usbdevfs_urb, buffer), static_cast<gsize>(u->buffer_length), &err);
        if (err) {
            g_error_free(err);
            g_object_unref(urbData);
            umockdev_ioctl_client_complete(client, -1, EFAULT);
            return;
        }
    }
    Urb urb{client, urbData, buf, 0, 0};
    std::uint8_t* bytes = buf ? buf->data : nullptr;
    const std::uint8_t ep = u->endpoint;

    if (u->type == USBDEVFS_URB_TYPE_CONTROL) {
        control(urb, bytes, u->buffer_length);
        completed_.push_back(urb);
    } else if ((ep & 0x80) == 0) {
        const std::span<const std::uint8_t> data(bytes, bytes ? static_cast<std::size_t>(u->buffer_length) : 0);
        if (!halted_[ep] && !pendingOut_.empty()) {
            pendingOut_.push_back(urb);  // keep order behind a NAKed transfer
        } else if (!halted_[ep] && !function_->acceptsOut(ep, data)) {
            pendingOut_.push_back(urb);
        } else {
            completeOut(urb);
            completed_.push_back(urb);
        }
    } else {
        pendingIn_.push_back(urb);
    }
    umockdev_ioctl_client_complete(client, 0, 0);
}

void FakeUsbDevice::control(Urb& urb, std::uint8_t* buffer, int length) {
    if (!buffer || length < 8) {
        urb.status = -EINVAL;
        return;
    }
    SetupPacket s;
    s.requestType = buffer[0];
    s.request = buffer[1];
    s.value = static_cast<std::uint16_t>(buffer[2] | buffer[3] << 8);
    s.index = static_cast<std::uint16_t>(buffer[4] | buffer[5] << 8);
    s.length = static_cast<std::uint16_t>(buffer[6] | buffer[7] << 8);
    std::uint8_t* data = buffer + 8;
    const int room = length - 8;
    const bool in = (s.requestType & 0x80) != 0;

    std::optional<Bytes> answer;
    if ((s.requestType & 0x60) == 0) {  // standard request
        if (s.request == 0x06) {        // GET_DESCRIPTOR
            const std::uint8_t type = s.value >> 8, index = s.value & 0xFF;
            Bytes d = type == 1 ? deviceDescriptor(spec_) : type == 2 ? configDescriptor(spec_)
                    : type == 3 ? stringDescriptor(spec_, index) : Bytes{};
            if (!d.empty()) answer = std::move(d);
        } else if (s.request == 0x09 || s.request == 0x0B || s.request == 0x01 || s.request == 0x03) {
            answer = Bytes{};  // SET_CONFIGURATION, SET_INTERFACE, CLEAR/SET_FEATURE
        } else if (s.request == 0x00) {
            answer = Bytes{0, 0};  // GET_STATUS
        }
    } else {
        answer = function_->onControl(s, std::span<const std::uint8_t>(data, in ? 0 : static_cast<std::size_t>(room)));
    }
    if (!answer) {
        urb.status = -EPIPE;
        return;
    }
    if (in) {
        const int n = std::min<int>({static_cast<int>(answer->size()), room, s.length});
        std::memcpy(data, answer->data(), static_cast<std::size_t>(n));
        urb.actual = n;
    } else {
        urb.actual = room;
    }
}

void FakeUsbDevice::completeOut(Urb& urb) {
    usbdevfs_urb* u = urbStruct(urb.urb);
    const std::uint8_t ep = u->endpoint;
    const std::span<const std::uint8_t> data(urb.buffer ? urb.buffer->data : nullptr,
                                             urb.buffer ? static_cast<std::size_t>(u->buffer_length) : 0);
    if (halted_[ep] || !function_->onOut(ep, data)) {
        halted_[ep] = true;
        urb.status = -EPIPE;
    } else {
        urb.actual = u->buffer_length;
    }
}

void FakeUsbDevice::pollPendingIns() {
    while (!pendingOut_.empty()) {
        Urb& urb = pendingOut_.front();
        usbdevfs_urb* u = urbStruct(urb.urb);
        if (gone_) {
            urb.status = -ENODEV;
        } else {
            const std::span<const std::uint8_t> data(urb.buffer ? urb.buffer->data : nullptr,
                                                     urb.buffer ? static_cast<std::size_t>(u->buffer_length) : 0);
            if (!halted_[u->endpoint] && !function_->acceptsOut(u->endpoint, data)) break;
            completeOut(urb);
        }
        completed_.push_back(urb);
        pendingOut_.pop_front();
    }
    for (auto it = pendingIn_.begin(); it != pendingIn_.end();) {
        usbdevfs_urb* u = urbStruct(it->urb);
        const std::uint8_t ep = u->endpoint;
        InReply r;
        if (gone_) {
            it->status = -ENODEV;
        } else if (halted_[ep]) {
            it->status = -EPIPE;
        } else {
            r = function_->onIn(ep, static_cast<std::size_t>(u->buffer_length));
            if (r.kind == InReply::Kind::Pending) {
                ++it;
                continue;
            }
            if (r.kind == InReply::Kind::Stall) {
                halted_[ep] = true;
                it->status = -EPIPE;
            } else {
                const std::size_t n = std::min(r.data.size(), static_cast<std::size_t>(u->buffer_length));
                if (n) std::memcpy(it->buffer->data, r.data.data(), n);
                it->actual = static_cast<int>(n);
                // Like the kernel: more than the host asked for is an overflow.
                if (r.data.size() > n) it->status = -EOVERFLOW;
            }
        }
        completed_.push_back(*it);
        it = pendingIn_.erase(it);
    }
}

void FakeUsbDevice::reap(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    (void)arg;  // the slot is resolved from the client below
    pollPendingIns();
    auto it = completed_.begin();
    while (it != completed_.end() && it->client != client) ++it;
    if (it == completed_.end()) {
        umockdev_ioctl_client_complete(client, -1, gone_ ? ENODEV : EAGAIN);
        return;
    }
    Urb urb = *it;
    completed_.erase(it);
    usbdevfs_urb* u = urbStruct(urb.urb);
    u->status = urb.status;
    u->actual_length = urb.actual;
    UMockdevIoctlData* slot = resolveArg(client, sizeof(void*));
    umockdev_ioctl_data_set_ptr(slot, 0, urb.urb);  // *arg = the client's URB pointer
    umockdev_ioctl_client_complete(client, 0, 0);
    g_object_unref(slot);
    release(urb);
}

void FakeUsbDevice::discard(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    gulong addr = 0;
    std::memcpy(&addr, arg->data, sizeof addr);
    for (auto* queue : {&pendingIn_, &pendingOut_}) {
        for (auto it = queue->begin(); it != queue->end(); ++it) {
            if (it->client == client && it->urb->client_addr == addr) {
                it->status = -ENOENT;  // how libusb sees its own timeout/cancel
                completed_.push_back(*it);
                queue->erase(it);
                ++discards_;
                umockdev_ioctl_client_complete(client, 0, 0);
                return;
            }
        }
    }
    umockdev_ioctl_client_complete(client, -1, EINVAL);
}

}  // namespace guichet::test
