// The operator's TOML files: terminal.toml, outbox.toml, card and scanner sections. The
// first byte chooses the file kind.
#include "kiosk/card/card_config.hpp"
#include "kiosk/config/terminal_config.hpp"
#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/scan/scanner_config.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    if (size == 0) return 0;
    const std::string toml = fuzz::text(data + 1, size - 1);
    switch (data[0] % 4) {
        case 0: (void)parseTerminalConfig(toml, "terminal.toml"); break;
        case 1: (void)outbox::parseOutboxConfig(toml, "outbox.toml", "/nonexistent"); break;
        case 2: (void)card::parseCardConfig(toml, "card.toml"); break;
        default: (void)scan::parseScannerConfig(toml, "scanner.toml"); break;
    }
    return 0;
}
