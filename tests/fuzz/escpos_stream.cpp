// Any byte stream sent to the emulated receipt printer (ours or another program's): the
// ESC/POS parser and the paper it lays out. The input is fed in two pieces split where the
// first byte says, as USB transfers would cut it.
#include "drivers/emulators/printer/printer_emulator.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    if (size == 0) return 0;
    const std::size_t cut = data[0] % size;
    auto printer = std::make_shared<emu::PrinterEmulator>(escpos::PrinterProfile{});
    printer->write(fuzz::bytes(data + 1, cut));
    printer->write(fuzz::bytes(data + 1 + cut, size - 1 - cut));
    (void)printer->takeAnswers(64);
    printer->finish();
    (void)printer->wholeRoll();
    return 0;
}
