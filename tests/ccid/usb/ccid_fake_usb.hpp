// The emulated CCID readers as fake USB devices under umockdev: the same EmulatedCcidReader
// engine, behind descriptors built from the reader model, served to real libusb.
#pragma once

#include <memory>

#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"
#include "tests/support/umockdev/fake_usb_function.hpp"
#include "tests/support/umockdev/usb_descriptors.hpp"

namespace guichet::ccidtest {

test::FakeDeviceSpec fakeSpec(const emu::ReaderModel& model);

class CcidUsbFunction : public test::FakeUsbFunction {
public:
    explicit CcidUsbFunction(std::shared_ptr<emu::EmulatedCcidReader> reader) : reader_(std::move(reader)) {}
    bool onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    test::InReply onIn(std::uint8_t endpoint, std::size_t max) override;
    std::optional<Bytes> onControl(const test::SetupPacket& setup, std::span<const std::uint8_t> outData) override;
    emu::EmulatedCcidReader& reader() { return *reader_; }

private:
    std::shared_ptr<emu::EmulatedCcidReader> reader_;
};

}  // namespace guichet::ccidtest
