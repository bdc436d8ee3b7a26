// HTTP/1.1 from a scanner (responses) or to the emulator (requests), split into reads where
// the first bytes say; small limits so that the limits themselves are exercised.
#include "drivers/escl/http_parser.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    if (size < 2) return 0;
    const auto kind = data[0] & 1 ? escl::HttpParser::Kind::Request : escl::HttpParser::Kind::Response;
    escl::HttpParser::Limits limits{2048, 64 * 1024};
    escl::HttpParser parser(kind, limits);
    if (data[0] & 2) parser.expectNoBody();
    const std::size_t step = 1 + data[1] % 64;
    std::span<const std::uint8_t> rest = fuzz::bytes(data + 2, size - 2);
    while (!rest.empty()) {
        const std::size_t n = std::min(step, rest.size());
        auto used = parser.feed(rest.first(n));
        if (!used) return 0;
        if (*used > n) __builtin_trap();
        if (parser.done()) {
            auto m = parser.take();
            if (m.body.size() > limits.maxBodyBytes) __builtin_trap();
            parser.reset();
        }
        rest = rest.subspan(*used == 0 ? n : *used);
    }
    (void)parser.finishAtEof();
    return 0;
}
