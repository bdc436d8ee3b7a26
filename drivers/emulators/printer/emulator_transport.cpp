#include "drivers/emulators/printer/emulator_transport.hpp"

#include <algorithm>
#include <cstring>
#include <thread>

namespace guichet::emu {
namespace {

Error unplugged() { return makeError(ErrorCode::Disconnected, "emulated printer unplugged"); }

}  // namespace

Bytes ieee1284DeviceId(const escpos::PrinterProfile& profile) {
    const std::string id = "MFG:Guichet;CMD:ESC/POS;MDL:Emulated " + profile.name + ";CLS:PRINTER;DES:Guichet software printer;";
    Bytes b(id.size() + 2);
    b[0] = static_cast<std::uint8_t>((id.size() + 2) >> 8);
    b[1] = static_cast<std::uint8_t>((id.size() + 2) & 0xFF);
    std::memcpy(b.data() + 2, id.data(), id.size());
    return b;
}

Result<std::size_t> EmulatorTransport::bulkWrite(std::span<const std::uint8_t> data, usb::Timeout timeout) {
    if (!isOpen()) return unplugged();
    if (!printer_->write(data)) {
        // A printer without paper stops taking data: the host sees a timeout.
        std::this_thread::sleep_for(std::min(refusalDelay_, timeout));
        return makeError(ErrorCode::Timeout, "emulated printer refuses data (paper out or cover open)");
    }
    return data.size();
}

Result<std::size_t> EmulatorTransport::bulkRead(std::span<std::uint8_t> buffer, usb::Timeout timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (!isOpen()) return unplugged();
        Bytes a = printer_->takeAnswers(buffer.size());
        if (!a.empty()) {
            std::memcpy(buffer.data(), a.data(), a.size());
            return a.size();
        }
        if (std::chrono::steady_clock::now() >= deadline) return makeError(ErrorCode::Timeout, "no answer from the emulated printer");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

Result<std::size_t> EmulatorTransport::interruptRead(std::span<std::uint8_t>, usb::Timeout) {
    if (!isOpen()) return unplugged();
    return makeError(ErrorCode::NotSupported, "printers have no interrupt endpoint");
}

Result<std::size_t> EmulatorTransport::control(const usb::ControlSetup& s, std::span<std::uint8_t> data, usb::Timeout) {
    if (!isOpen()) return unplugged();
    Bytes answer;
    if (s.requestType == 0xA1 && s.request == 0x00) {
        answer = ieee1284DeviceId(printer_->profile());
    } else if (s.requestType == 0xA1 && s.request == 0x01) {
        answer = {static_cast<std::uint8_t>(0x18 | (printer_->paperOut() ? 0x20 : 0))};  // no error, selected
    } else {
        return makeError(ErrorCode::Stall, "emulated printer: unsupported control request");
    }
    const std::size_t n = std::min(answer.size(), data.size());
    std::memcpy(data.data(), answer.data(), n);
    return n;
}

}  // namespace guichet::emu
