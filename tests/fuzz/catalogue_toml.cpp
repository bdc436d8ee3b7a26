// A procedure file of the catalogue (or the town's _commune.toml), as an operator writes it:
// parsed, then checked whole, like `guichetctl catalogue check` and the terminal's start.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "kiosk/procedures/catalogue_loader.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    if (size == 0) return 0;
    // The loader reads files: one scratch file per process.
    static const std::string path = "/tmp/guichet-fuzz-catalogue-" + std::to_string(::getpid()) + ".toml";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return 0;
    std::fwrite(data + 1, 1, size - 1, f);
    std::fclose(f);
    procedures::CatalogueSettings settings;
    procedures::Diagnostics diags;
    if (data[0] & 1) {
        procedures::parseSettingsFile(path, settings, diags);
    } else if (auto p = procedures::parseProcedureFile(path, settings, diags)) {
        procedures::checkProcedure(*p, settings, diags);
    }
    return 0;
}
