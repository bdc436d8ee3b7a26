#include "kiosk/scan/scan_attachment.hpp"

#include "kiosk/scan/jpeg_tools.hpp"
#include "kiosk/scan/pdf_writer.hpp"

namespace guichet::scan {

namespace {

// Renditions tried in order until one fits: first the pages as scanned, then lower JPEG
// quality, then half and quarter resolution (150 / 75 dpi from 300: still readable
// for an identity document at 150).
struct Step {
    int quality;  // 0 = as scanned
    int scale;
};
constexpr Step kSteps[] = {{0, 1}, {75, 1}, {60, 1}, {45, 1}, {70, 2}, {50, 2}, {60, 4}};

void wipeAll(std::vector<Bytes>& pages) {
    for (auto& p : pages) secureWipe(p);
    pages.clear();
}

}  // namespace

Result<Attachment> makeScanAttachment(const std::vector<ScannedPage>& pages, const AttachmentPolicy& policy) {
    if (pages.empty()) return makeError(ErrorCode::InvalidArgument, "scan: no page to attach");
    std::vector<JpegInfo> infos;
    for (const auto& p : pages) {
        auto info = inspectJpeg(p.jpeg);
        if (!info) return info.error();
        infos.push_back(*info);
    }
    const bool single = pages.size() == 1 && policy.format == AttachmentFormat::Auto;
    std::size_t smallest = 0;
    for (const Step& step : kSteps) {
        std::vector<Bytes> reencoded;
        if (step.quality) {
            for (const auto& p : pages) {
                auto r = recompressJpeg(p.jpeg, step.quality, step.scale);
                if (!r) {
                    wipeAll(reencoded);
                    return r.error();
                }
                reencoded.push_back(std::move(*r));
            }
        }
        auto jpegAt = [&](std::size_t i) -> const Bytes& { return step.quality ? reencoded[i] : pages[i].jpeg; };
        Attachment a;
        if (single) {
            a.name = policy.baseName + ".jpg";
            a.mediaType = "image/jpeg";
            a.data = jpegAt(0);
        } else {
            std::vector<PdfPage> pdfPages;
            for (std::size_t i = 0; i < pages.size(); ++i) {
                int dpi = pages[i].dpi > 0 ? pages[i].dpi : 300;
                pdfPages.push_back(PdfPage{&jpegAt(i), infos[i].width / step.scale, infos[i].height / step.scale,
                                           std::max(1, dpi / step.scale), infos[i].gray});
                // The decoder rounds scaled sizes up: read them back from the JPEG itself.
                if (step.quality) {
                    auto actual = inspectJpeg(jpegAt(i));
                    if (actual) {
                        pdfPages.back().widthPx = actual->width;
                        pdfPages.back().heightPx = actual->height;
                    }
                }
            }
            auto pdf = writeJpegPdf(pdfPages);
            if (!pdf) {
                wipeAll(reencoded);
                return pdf.error();
            }
            a.name = policy.baseName + ".pdf";
            a.mediaType = "application/pdf";
            a.data = std::move(*pdf);
        }
        wipeAll(reencoded);
        if (a.data.size() <= policy.maxBytes) return a;
        smallest = a.data.size();
        secureWipe(a.data);
    }
    return makeError(ErrorCode::NoSpace, "scan: the document is " + std::to_string(smallest / 1024) +
                                             " KiB even at low quality, over the " +
                                             std::to_string(policy.maxBytes / 1024) + " KiB limit");
}

}  // namespace guichet::scan
