// A scanned page: its JPEG header read (bounded) and its preview decoded.
#include "kiosk/scan/jpeg_tools.hpp"
#include "kiosk/scan/page_preview.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    const Bytes jpeg(data, data + size);
    auto info = scan::inspectJpeg(jpeg);
    if (info && (info->width > scan::kMaxPageSidePx || info->height > scan::kMaxPageSidePx)) __builtin_trap();
    if (auto p = scan::makePagePreview(jpeg, 200, 280); p) {
        if (p->rgba.size() != static_cast<std::size_t>(p->width) * p->height * 4) __builtin_trap();
        p->wipe();
    }
    // Re-encoding (attachment size limit) only for small pages: it decodes at full size.
    if (info && static_cast<long>(info->width) * info->height <= 512 * 512) (void)scan::recompressJpeg(jpeg, 50, 2);
    return 0;
}
