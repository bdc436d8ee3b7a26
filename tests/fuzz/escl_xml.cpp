// eSCL ScannerCapabilities and ScannerStatus documents from a scanner.
#include "drivers/escl/capabilities.hpp"
#include "drivers/escl/scanner_status.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    const std::string xml = fuzz::text(data, size);
    if (auto caps = escl::parseCapabilities(xml); caps) {
        for (auto source : {escl::InputSource::Platen, escl::InputSource::Feeder})
            if (const auto* in = caps->input(source)) (void)in->nearestResolution(300);
    }
    (void)escl::parseScannerStatus(xml);
    return 0;
}
