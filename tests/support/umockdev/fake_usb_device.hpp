// One fake USB device node (/dev/bus/usb/BBB/DDD) for umockdev: a UMockdevIoctlBase whose
// "handle-ioctl" answers usbdevfs (SUBMITURB, REAPURBNDELAY, DISCARDURB, CLAIMINTERFACE,
// control transfers…) from a FakeDeviceSpec and a FakeUsbFunction, so real libusb runs.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "tests/support/umockdev/fake_usb_function.hpp"
#include "tests/support/umockdev/usb_descriptors.hpp"

typedef struct _UMockdevIoctlBase UMockdevIoctlBase;
typedef struct _UMockdevIoctlClient UMockdevIoctlClient;
typedef struct _UMockdevIoctlData UMockdevIoctlData;

namespace guichet::test {

class FakeUsbDevice {
public:
    // kernelDriver: a driver name ("usblp") bound to every interface until the host detaches
    // it; CLAIMINTERFACE fails with EBUSY while it is bound, as on a real system.
    FakeUsbDevice(FakeDeviceSpec spec, std::shared_ptr<FakeUsbFunction> function, std::string kernelDriver = {});
    ~FakeUsbDevice();
    FakeUsbDevice(const FakeUsbDevice&) = delete;
    FakeUsbDevice& operator=(const FakeUsbDevice&) = delete;

    UMockdevIoctlBase* handler() const { return handler_; }
    const FakeDeviceSpec& spec() const { return spec_; }
    FakeUsbFunction& function() const { return *function_; }

    // The device is gone: in-flight URBs complete with -ENODEV, later ioctls fail with ENODEV.
    void disconnect() { gone_ = true; }
    bool disconnected() const { return gone_; }

    // What the host did (for assertions).
    int claims() const { return claims_; }
    int kernelDriverDetaches() const { return detaches_; }
    int clearHalts() const { return clearHalts_; }
    int discards() const { return discards_; }

private:
    struct Urb {
        UMockdevIoctlClient* client;
        UMockdevIoctlData* urb;     // our ref
        UMockdevIoctlData* buffer;  // our ref (null for zero-length)
        int status = 0;
        int actual = 0;
    };
    static int onIoctlThunk(UMockdevIoctlBase*, UMockdevIoctlClient* client, void* self);
    static void onVanishedThunk(UMockdevIoctlBase*, UMockdevIoctlClient* client, void* self);
    bool onIoctl(UMockdevIoctlClient* client);
    void submit(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
    void reap(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
    void discard(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
    void control(Urb& urb, std::uint8_t* buffer, int length);
    void pollPendingIns();
    void completeOut(Urb& urb);
    void release(Urb& urb);

    FakeDeviceSpec spec_;
    std::shared_ptr<FakeUsbFunction> function_;
    std::string kernelDriver_;
    UMockdevIoctlBase* handler_ = nullptr;
    std::atomic<bool> gone_{false};
    std::atomic<int> claims_{0}, detaches_{0}, clearHalts_{0}, discards_{0};
    // Worker-thread state (umockdev calls handle-ioctl on one thread).
    std::deque<Urb> pendingIn_;
    std::deque<Urb> pendingOut_;  // NAKed by the function (acceptsOut == false)
    std::deque<Urb> completed_;
    std::map<std::uint8_t, bool> halted_;
    bool driverBound_ = false;
};

}  // namespace guichet::test
