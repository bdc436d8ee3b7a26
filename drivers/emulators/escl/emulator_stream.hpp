// The emulated scanner as an in-process ByteStream: the eSCL client talks to it exactly as
// to a socket, with the same delays, closes, cuts and timeouts, but without any thread.
#pragma once

#include "drivers/emulators/escl/emulator_connection.hpp"
#include "drivers/escl/byte_stream.hpp"

namespace guichet::emu {

class EmulatorStream final : public escl::ByteStream {
public:
    explicit EmulatorStream(EsclEmulator& emulator) : emulator_(emulator), connection_(emulator) {}

    Result<void> writeAll(std::span<const std::uint8_t> data, escl::Millis timeout) override;
    Result<std::size_t> readSome(std::span<std::uint8_t> buffer, escl::Millis timeout) override;
    Result<void> reset(escl::Millis timeout) override;
    std::string describe() const override { return "emulator (in-process)"; }

    int resets() const { return resets_; }

private:
    EsclEmulator& emulator_;
    EmulatorConnection connection_;
    int resets_ = 0;
};

}  // namespace guichet::emu
