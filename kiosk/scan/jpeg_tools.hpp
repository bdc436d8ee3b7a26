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

// A page's size is the scanner's to say; decoding trusts it for its buffers (65535 x 65535
// x 4 bytes would be 16 GiB). No page may be longer than this on a side: 17 in at 1200 dpi.
inline constexpr int kMaxPageSidePx = 17 * 1200;

// Protocol error when the bytes are not a JPEG turbojpeg can read, or when a side is 0 or
// longer than maxSidePx (read from the header only: nothing is allocated for the pixels).
Result<JpegInfo> inspectJpeg(const Bytes& jpeg, int maxSidePx = kMaxPageSidePx);

// scaleDenominator 1, 2 or 4 (the decoder scales while decoding, cheaply).
Result<Bytes> recompressJpeg(const Bytes& jpeg, int quality, int scaleDenominator = 1);

}  // namespace guichet::scan
