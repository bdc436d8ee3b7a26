#include "kiosk/scan/pdf_writer.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace guichet::scan {

namespace {

void put(Bytes& out, const std::string& s) { out.insert(out.end(), s.begin(), s.end()); }

std::string points(int px, int dpi) {
    // 72 points an inch, two decimals: an A4 page at 300 dpi is 595.20 x 841.92.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", px * 72.0 / dpi);
    return buf;
}

}  // namespace

Result<Bytes> writeJpegPdf(std::span<const PdfPage> pages) {
    if (pages.empty()) return makeError(ErrorCode::InvalidArgument, "PDF: no page");
    std::size_t total = 0;
    for (const auto& p : pages) {
        if (!p.jpeg || p.jpeg->empty() || p.widthPx <= 0 || p.heightPx <= 0 || p.dpi <= 0)
            return makeError(ErrorCode::InvalidArgument, "PDF: a page has no image");
        total += p.jpeg->size();
    }
    Bytes out;
    out.reserve(total + 1024 + pages.size() * 512);  // one allocation: pages are not held twice
    std::vector<std::size_t> offsets;  // byte offset of object n at index n-1
    auto begin = [&](int number) {
        if (offsets.size() < static_cast<std::size_t>(number)) offsets.resize(number);
        offsets[number - 1] = out.size();
        put(out, std::to_string(number) + " 0 obj\n");
    };
    put(out, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");  // binary marker: tells tools the file is binary
    // Objects: 1 catalog, 2 page tree, then per page i: page 3+3i, image 4+3i, content 5+3i.
    begin(1);
    put(out, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    begin(2);
    std::string kids;
    for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(3 + 3 * i) + " 0 R ";
    put(out, "<< /Type /Pages /Count " + std::to_string(pages.size()) + " /Kids [" + kids + "] >>\nendobj\n");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const PdfPage& p = pages[i];
        const int page = static_cast<int>(3 + 3 * i), image = page + 1, content = page + 2;
        const std::string w = points(p.widthPx, p.dpi), h = points(p.heightPx, p.dpi);
        begin(page);
        put(out, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + w + " " + h + "] /Resources << /XObject << /Im" +
                     std::to_string(i) + " " + std::to_string(image) + " 0 R >> >> /Contents " +
                     std::to_string(content) + " 0 R >>\nendobj\n");
        begin(image);
        put(out, "<< /Type /XObject /Subtype /Image /Width " + std::to_string(p.widthPx) + " /Height " +
                     std::to_string(p.heightPx) + " /ColorSpace " + (p.gray ? "/DeviceGray" : "/DeviceRGB") +
                     " /BitsPerComponent 8 /Filter /DCTDecode /Length " + std::to_string(p.jpeg->size()) +
                     " >>\nstream\n");
        out.insert(out.end(), p.jpeg->begin(), p.jpeg->end());
        put(out, "\nendstream\nendobj\n");
        const std::string draw = "q " + w + " 0 0 " + h + " 0 0 cm /Im" + std::to_string(i) + " Do Q\n";
        begin(content);
        put(out, "<< /Length " + std::to_string(draw.size()) + " >>\nstream\n" + draw + "endstream\nendobj\n");
    }
    const std::size_t xref = out.size();
    put(out, "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n");
    for (std::size_t off : offsets) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        put(out, line);
    }
    put(out, "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
                 std::to_string(xref) + "\n%%EOF\n");
    return out;
}

}  // namespace guichet::scan
