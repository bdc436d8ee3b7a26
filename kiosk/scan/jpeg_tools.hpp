// The little JPEG handling scanned pages need: read a page's size and colour space without
// decoding it, and re-encode it smaller (lower quality, optional 1/2 or 1/4 scale) to fit an
// attachment limit. Decoded pixels are personal data: wiped before their memory is freed.
#pragma once

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::scan {

struct JpegInfo {
    int width = 0;
    int height = 0;
    bool gray = false;
};

// Protocol error when the bytes are not a JPEG turbojpeg can read.
Result<JpegInfo> inspectJpeg(const Bytes& jpeg);

// scaleDenominator 1, 2 or 4 (the decoder scales while decoding, cheaply).
Result<Bytes> recompressJpeg(const Bytes& jpeg, int quality, int scaleDenominator = 1);

}  // namespace guichet::scan
