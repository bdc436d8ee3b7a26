// T=1 blocks from a card (ISO/IEC 7816-3 §11), with either error detection code.
#include "drivers/ccid/t1_block.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet::ccid;
    for (auto edc : {t1::Edc::Lrc, t1::Edc::Crc}) {
        auto b = t1::decode(guichet::fuzz::bytes(data, size), edc);
        if (b) {
            (void)b->describe();
            auto again = t1::decode(t1::encode(*b, edc), edc);  // what we decode, we re-encode
            if (!again) __builtin_trap();
        }
    }
    return 0;
}
