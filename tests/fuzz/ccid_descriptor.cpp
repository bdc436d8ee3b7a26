// A reader's USB configuration descriptor and its CCID class descriptor.
#include "drivers/ccid/ccid_descriptor.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    if (auto d = ccid::parseCcidClassDescriptor(fuzz::bytes(data, size)); d) {
        // The bound every later buffer is sized from.
        if (d->maxMessageLength > ccid::CcidClassDescriptor::kMaxMessageLengthAllowed) __builtin_trap();
        (void)d->exchangeLevel();
    }
    if (auto i = ccid::findCcidInterface(fuzz::bytes(data, size)); i) (void)i;
    return 0;
}
