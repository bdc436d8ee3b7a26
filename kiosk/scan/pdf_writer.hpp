// A minimal PDF 1.4 writer for scanned pages: each page is one JPEG drawn full-page
// (DCTDecode, no re-encoding), sized from its pixels and resolution. Built in memory only.
#pragma once

#include <span>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::scan {

struct PdfPage {
    const Bytes* jpeg = nullptr;  // not copied: the caller keeps the page alive
    int widthPx = 0;
    int heightPx = 0;
    int dpi = 300;
    bool gray = false;
};

// InvalidArgument for an empty list or a page without pixels.
Result<Bytes> writeJpegPdf(std::span<const PdfPage> pages);

}  // namespace guichet::scan
