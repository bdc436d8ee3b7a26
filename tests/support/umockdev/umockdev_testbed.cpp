#include "tests/support/umockdev/umockdev_testbed.hpp"

#include <umockdev.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "drivers/common/bytes.hpp"

namespace guichet::test {
namespace {

std::string hex4(unsigned v) {
    char b[8];
    std::snprintf(b, sizeof b, "%04x", v);
    return b;
}

std::string pad3(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%03d", v);
    return b;
}

}  // namespace

bool UmockdevTestbed::preloaded() {
    const char* p = std::getenv("LD_PRELOAD");
    return p && std::strstr(p, "umockdev-preload");
}

UmockdevTestbed::UmockdevTestbed() : testbed_(umockdev_testbed_new()) {
    if (!preloaded()) throw std::runtime_error("run this test under umockdev-wrapper (guichet_add_test(... UMOCKDEV))");
}

UmockdevTestbed::~UmockdevTestbed() {
    for (auto& e : entries_) {
        e.device->disconnect();
        GError* err = nullptr;
        umockdev_testbed_detach_ioctl(testbed_, e.devnode.c_str(), &err);
        if (err) g_error_free(err);
    }
    g_object_unref(testbed_);  // stops the worker thread that ran our handlers
    entries_.clear();
}

std::shared_ptr<FakeUsbDevice> UmockdevTestbed::plug(FakeDeviceSpec spec, std::shared_ptr<FakeUsbFunction> function,
                                                     PlugOptions o) {
    const int address = o.address ? o.address : nextAddress_++;
    auto device = std::make_shared<FakeUsbDevice>(spec, std::move(function), o.kernelDriver);
    const std::string sysname = std::to_string(o.bus) + "-" + std::to_string(o.port);
    const std::string devnode = "/dev/bus/usb/" + pad3(o.bus) + "/" + pad3(address);
    const std::string syspath = "/sys/devices/pci0000:00/0000:00:14.0/usb" + std::to_string(o.bus) + "/" + sysname;

    // The handler must be attached before the node exists (PROTOCOLS.md §4).
    GError* err = nullptr;
    if (!umockdev_testbed_attach_ioctl(testbed_, devnode.c_str(), device->handler(), &err)) {
        std::string m = err ? err->message : "unknown";
        if (err) g_error_free(err);
        throw std::runtime_error("umockdev attach_ioctl " + devnode + ": " + m);
    }

    // Text attributes end with a literal "\n"; the binary descriptors blob is an H: line.
    std::string d;
    d += "P: " + syspath.substr(4) + "\n";
    d += "N: " + devnode.substr(5) + "\n";
    d += "E: DEVNAME=" + devnode + "\n";
    d += "E: DEVTYPE=usb_device\nE: DRIVER=usb\nE: SUBSYSTEM=usb\n";
    d += "E: BUSNUM=" + pad3(o.bus) + "\nE: DEVNUM=" + pad3(address) + "\n";
    d += "E: ID_VENDOR_ID=" + hex4(spec.vendorId) + "\nE: ID_MODEL_ID=" + hex4(spec.productId) + "\n";
    d += "A: busnum=" + std::to_string(o.bus) + "\\n\n";
    d += "A: devnum=" + std::to_string(address) + "\\n\n";
    d += "A: speed=480\\n\n";
    d += "A: bConfigurationValue=1\\n\n";
    d += "A: bNumConfigurations=1\\n\n";
    d += "A: idVendor=" + hex4(spec.vendorId) + "\\n\n";
    d += "A: idProduct=" + hex4(spec.productId) + "\\n\n";
    if (!spec.manufacturer.empty()) d += "A: manufacturer=" + spec.manufacturer + "\\n\n";
    if (!spec.product.empty()) d += "A: product=" + spec.product + "\\n\n";
    d += "H: descriptors=" + toHex(buildDescriptorBlob(spec), false) + "\n";

    if (!umockdev_testbed_add_from_string(testbed_, d.c_str(), &err)) {
        std::string m = err ? err->message : "unknown";
        if (err) g_error_free(err);
        throw std::runtime_error("umockdev add_from_string: " + m);
    }
    entries_.push_back({device, syspath, devnode, true});
    return device;
}

void UmockdevTestbed::unplug(const std::shared_ptr<FakeUsbDevice>& device) {
    for (auto& e : entries_) {
        if (e.device != device || !e.plugged) continue;
        e.plugged = false;
        device->disconnect();
        // The uevent carries the properties read now: send it before the sysfs entry goes.
        umockdev_testbed_uevent(testbed_, e.syspath.c_str(), "remove");
        umockdev_testbed_remove_device(testbed_, e.syspath.c_str());
        return;
    }
}

std::string UmockdevTestbed::sysfsPath(const FakeUsbDevice& device) const {
    for (auto& e : entries_)
        if (e.device.get() == &device) return e.syspath;
    return {};
}

std::string UmockdevTestbed::devNode(const FakeUsbDevice& device) const {
    for (auto& e : entries_)
        if (e.device.get() == &device) return e.devnode;
    return {};
}

}  // namespace guichet::test
