// What the document step shows after a scan (made on the scanner's thread, see
// ScanRequest::previewWidth): the page decoded at a reduced size (the
// decoder's 1/2, 1/4 or 1/8 scale, the largest that fits the box) as RGBA pixels, ready
// to upload as a texture. Personal data: wipe() it when the preview goes away.
#pragma once

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"
#include "kiosk/devices/device_services.hpp"

namespace guichet::scan {

using PagePreview = guichet::PagePreview;

// The largest scaled decode that fits maxWidth x maxHeight (aspect kept; never upscaled).
Result<PagePreview> makePagePreview(const Bytes& jpeg, int maxWidth, int maxHeight);

}  // namespace guichet::scan
