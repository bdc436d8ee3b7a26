#include "kiosk/scan/jpeg_tools.hpp"

#include <turbojpeg.h>

#include <string>

namespace guichet::scan {

namespace {

// A tjhandle that is always destroyed.
struct Tj {
    tjhandle h;
    explicit Tj(tjhandle handle) : h(handle) {}
    ~Tj() { if (h) tjDestroy(h); }
    Tj(const Tj&) = delete;
    Tj& operator=(const Tj&) = delete;
};

}  // namespace

Result<JpegInfo> inspectJpeg(const Bytes& jpeg, int maxSidePx) {
    Tj tj(tjInitDecompress());
    if (!tj.h) return makeError(ErrorCode::Io, "JPEG: decoder init failed");
    int w = 0, h = 0, subsamp = 0, colorspace = 0;
    if (jpeg.empty() || tjDecompressHeader3(tj.h, jpeg.data(), static_cast<unsigned long>(jpeg.size()), &w, &h,
                                            &subsamp, &colorspace) != 0)
        return makeError(ErrorCode::Protocol, "JPEG: the scanner sent an unreadable image");
    if (w <= 0 || h <= 0 || w > maxSidePx || h > maxSidePx)
        return makeError(ErrorCode::Protocol, "JPEG: the scanner sent a page of " + std::to_string(w) + " x " +
                                                  std::to_string(h) + " pixels, more than the " +
                                                  std::to_string(maxSidePx) + " a side it can have");
    return JpegInfo{w, h, colorspace == TJCS_GRAY};
}

Result<Bytes> recompressJpeg(const Bytes& jpeg, int quality, int scaleDenominator) {
    if (scaleDenominator != 1 && scaleDenominator != 2 && scaleDenominator != 4)
        return makeError(ErrorCode::InvalidArgument, "JPEG: scale must be 1, 2 or 4");
    auto info = inspectJpeg(jpeg);
    if (!info) return info.error();
    const int w = TJSCALED(info->width, (tjscalingfactor{1, scaleDenominator}));
    const int h = TJSCALED(info->height, (tjscalingfactor{1, scaleDenominator}));
    const int pf = info->gray ? TJPF_GRAY : TJPF_RGB;
    Bytes pixels(static_cast<std::size_t>(w) * h * tjPixelSize[pf]);
    Tj dec(tjInitDecompress());
    Result<Bytes> result = makeError(ErrorCode::Io, "JPEG: re-encoding failed");
    if (dec.h && tjDecompress2(dec.h, jpeg.data(), static_cast<unsigned long>(jpeg.size()), pixels.data(), w, 0, h, pf,
                               TJFLAG_FASTDCT) == 0) {
        Tj enc(tjInitCompress());
        // The worst-case buffer up front (NOREALLOC): a buffer grown by turbojpeg leaves each
        // smaller copy of the page behind in freed memory, unwiped.
        const int subsamp = info->gray ? TJSAMP_GRAY : TJSAMP_420;
        unsigned long size = tjBufSize(w, h, subsamp);
        const unsigned long capacity = size;
        unsigned char* out = tjAlloc(static_cast<int>(size));
        if (enc.h && out &&
            tjCompress2(enc.h, pixels.data(), w, 0, h, pf, &out, &size, subsamp, quality, TJFLAG_FASTDCT | TJFLAG_NOREALLOC) == 0)
            result = Bytes(out, out + size);
        if (out) {
            secureWipe(out, capacity);
            tjFree(out);
        }
    }
    secureWipe(pixels);
    return result;
}

}  // namespace guichet::scan
