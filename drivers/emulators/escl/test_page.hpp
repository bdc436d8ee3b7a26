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
    int paperGrain = 0;  // 0 = clean; 4..12 = the noise of real paper under a scanner (bigger JPEGs)
    // A scan region: the image is widthPx x heightPx cut from a sheet of paperWidthPx x
    // paperHeightPx (0: the image is the whole sheet) at (originX, originY) on it.
    int paperWidthPx = 0, paperHeightPx = 0;
    int originX = 0, originY = 0;
};

Result<Bytes> renderTestPage(const TestPageSpec& spec);

// Today's date in UTC, "YYYY-MM-DD".
std::string todayUtc();

}  // namespace guichet::emu
