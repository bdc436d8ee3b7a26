#include "kiosk/scan/page_preview.hpp"

#include <turbojpeg.h>

#include "kiosk/scan/jpeg_tools.hpp"

namespace guichet::scan {

Result<PagePreview> makePagePreview(const Bytes& jpeg, int maxWidth, int maxHeight) {
    if (maxWidth <= 0 || maxHeight <= 0) return makeError(ErrorCode::InvalidArgument, "preview: empty box");
    // The header's size is bounded before any pixel buffer is sized from it.
    auto info = inspectJpeg(jpeg);
    if (!info) return makeError(ErrorCode::Protocol, "preview: unreadable page (" + info.error().message + ")");
    const int w = info->width, h = info->height;
    tjhandle tj = tjInitDecompress();
    if (!tj) return makeError(ErrorCode::Io, "preview: decoder init failed");
    // Pick the gentlest reduction among the decoder's cheap ones (1, 1/2, 1/4, 1/8).
    int denom = 1;
    while (denom < 8 && (TJSCALED(w, (tjscalingfactor{1, denom})) > maxWidth ||
                         TJSCALED(h, (tjscalingfactor{1, denom})) > maxHeight))
        denom *= 2;
    PagePreview p;
    p.width = TJSCALED(w, (tjscalingfactor{1, denom}));
    p.height = TJSCALED(h, (tjscalingfactor{1, denom}));
    p.rgba.resize(static_cast<std::size_t>(p.width) * p.height * 4);
    int rc = tjDecompress2(tj, jpeg.data(), static_cast<unsigned long>(jpeg.size()), p.rgba.data(), p.width, 0,
                           p.height, TJPF_RGBA, TJFLAG_FASTDCT);
    tjDestroy(tj);
    if (rc != 0) {
        p.wipe();
        return makeError(ErrorCode::Protocol, "preview: the page could not be decoded");
    }
    return p;
}

}  // namespace guichet::scan
