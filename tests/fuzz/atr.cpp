// A card's Answer-To-Reset, as the reader hands it over.
#include "drivers/ccid/atr.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    for (bool acceptBadTck : {false, true}) {
        auto atr = ccid::parseAtr(fuzz::bytes(data, size), acceptBadTck);
        (void)atr;
    }
    return 0;
}
