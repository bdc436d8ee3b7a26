// A umockdev testbed holding fake USB devices: plug() builds the sysfs entry + device node
// (handler attached first, as umockdev requires), unplug() sends the "remove" uevent (libusb
// hotplug LEFT) and fails in-flight transfers with ENODEV. Needs umockdev-wrapper (LD_PRELOAD).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/umockdev/fake_usb_device.hpp"

typedef struct _UMockdevTestbed UMockdevTestbed;

namespace guichet::test {

struct PlugOptions {
    int bus = 1;
    int port = 1;             // sysfs name "<bus>-<port>": the same port keeps the same DeviceEvent id
    int address = 0;          // 0 = next free address on the bus (a replug gets a new one, as in real life)
    std::string kernelDriver;  // e.g. "usblp": bound until the host detaches it
};

class UmockdevTestbed {
public:
    UmockdevTestbed();
    ~UmockdevTestbed();
    UmockdevTestbed(const UmockdevTestbed&) = delete;
    UmockdevTestbed& operator=(const UmockdevTestbed&) = delete;

    // True when the process runs under umockdev-wrapper (libumockdev-preload in LD_PRELOAD).
    static bool preloaded();

    std::shared_ptr<FakeUsbDevice> plug(FakeDeviceSpec spec, std::shared_ptr<FakeUsbFunction> function, PlugOptions options = {});
    void unplug(const std::shared_ptr<FakeUsbDevice>& device);

    std::string sysfsPath(const FakeUsbDevice& device) const;
    std::string devNode(const FakeUsbDevice& device) const;  // "/dev/bus/usb/001/002"
    UMockdevTestbed* raw() const { return testbed_; }

private:
    struct Entry {
        std::shared_ptr<FakeUsbDevice> device;
        std::string syspath, devnode;
        bool plugged = true;
    };
    UMockdevTestbed* testbed_;
    std::vector<Entry> entries_;
    int nextAddress_ = 2;
};

}  // namespace guichet::test
