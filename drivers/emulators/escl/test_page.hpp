// The emulated scanner's "paper": an A4 test document (title, date, page number, lines of
// fake text, a tricolour block that shows colour vs grey) rendered at the asked resolution
// and compressed to JPEG, so tests and the preview see a real, readable page.
#pragma once

#include <string>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"
#include "drivers/escl/escl_types.hpp"

namespace guichet::emu {

struct TestPageSpec {
    int widthPx = 2480;
    int heightPx = 3508;
    int dpi = 300;
    escl::ColorMode colorMode = escl::ColorMode::RGB24;
    int pageNumber = 1;
    std::string date;   // "2026-11-28"
    int jpegQuality = 85;
};

Result<Bytes> renderTestPage(const TestPageSpec& spec);

// Today's date in UTC, "YYYY-MM-DD".
std::string todayUtc();

}  // namespace guichet::emu
