#include "tests/ccid/usb/ccid_fake_usb.hpp"

#include "drivers/ccid/ccid_descriptor.hpp"

namespace guichet::ccidtest {

test::FakeDeviceSpec fakeSpec(const emu::ReaderModel& m) {
    test::FakeDeviceSpec s;
    s.vendorId = m.vendorId;
    s.productId = m.productId;
    s.bcdDevice = m.bcdDevice;
    s.manufacturer = m.manufacturer;
    s.product = m.product;
    test::FakeInterface i;
    i.cls = 0x0B;
    i.endpoints = {{m.bulkOut, 0x02, 64, 0}, {m.bulkIn, 0x02, 64, 0}, {m.interruptIn, 0x03, 8, 24}};
    i.classDescriptor = ccid::encodeCcidClassDescriptor(m.descriptor);
    s.interfaces.push_back(i);
    return s;
}

bool CcidUsbFunction::onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) {
    if (endpoint != reader_->model().bulkOut) return false;
    return reader_->onBulkOut(data);
}

test::InReply CcidUsbFunction::onIn(std::uint8_t endpoint, std::size_t max) {
    std::optional<Bytes> b;
    if (endpoint == reader_->model().bulkIn) b = reader_->takeBulkIn();
    else if (endpoint == reader_->model().interruptIn) b = reader_->takeInterrupt();
    else return test::InReply::stall();
    if (!b) return test::InReply::pending();
    if (b->size() > max) b->resize(max);  // the host's buffer decides, as on the wire
    return test::InReply::bytes(std::move(*b));
}

std::optional<Bytes> CcidUsbFunction::onControl(const test::SetupPacket& setup, std::span<const std::uint8_t>) {
    if (setup.requestType == 0x21 && setup.request == 0x01) return Bytes{};  // ABORT
    return std::nullopt;
}

}  // namespace guichet::ccidtest
