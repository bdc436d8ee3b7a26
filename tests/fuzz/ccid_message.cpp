// CCID bulk-in answers and interrupt-in notifications from a reader.
#include "drivers/ccid/ccid_message.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    auto r = ccid::decodeResponse(fuzz::bytes(data, size));
    if (r) (void)r->commandStatus();
    (void)ccid::decodeInterrupt(fuzz::bytes(data, size));
    return 0;
}
