// The PDF writer: structure a reader relies on (header, objects at the offsets the xref
// table claims, page count, page size from pixels and dpi, JPEG embedded byte for byte).
#include <catch2/catch.hpp>

#include <regex>

#include "kiosk/scan/pdf_writer.hpp"
#include "tests/scan/scan_test_support.hpp"

using namespace guichet;
using namespace guichet::scan;
using guichet::test::asString;

TEST_CASE("scan.pdf two JPEG pages: objects, xref offsets, sizes, embedded bytes") {
    auto p1 = test::testPage(100, 1), p2 = test::testPage(100, 2, false);
    PdfPage pages[] = {{&p1.jpeg, p1.widthPx, p1.heightPx, 300, false}, {&p2.jpeg, p2.widthPx, p2.heightPx, 100, true}};
    auto pdf = writeJpegPdf(pages);
    REQUIRE(pdf.ok());
    const std::string s = asString(*pdf);
    CHECK(s.rfind("%PDF-1.4\n", 0) == 0);
    CHECK(s.substr(s.size() - 6) == "%%EOF\n");
    CHECK(s.find("/Type /Pages /Count 2") != std::string::npos);
    // Page 1 claims 300 dpi: 826 px = 198.24 pt; page 2 at its true 100 dpi is A4.
    CHECK(s.find("/MediaBox [0 0 198.24 280.56]") != std::string::npos);
    CHECK(s.find("/MediaBox [0 0 594.72 841.68]") != std::string::npos);
    CHECK(s.find("/ColorSpace /DeviceGray") != std::string::npos);
    CHECK(s.find(asString(p1.jpeg)) != std::string::npos);
    CHECK(s.find(asString(p2.jpeg)) != std::string::npos);

    // Every xref entry points at "N 0 obj"; startxref points at "xref".
    auto startxref = s.rfind("startxref\n");
    std::size_t xrefAt = std::stoul(s.substr(startxref + 10));
    REQUIRE(s.compare(xrefAt, 5, "xref\n") == 0);
    std::size_t line = s.find('\n', s.find('\n', xrefAt + 5) + 1) + 1;  // skip "0 N" and the free entry
    for (int obj = 1; obj <= 8; ++obj, line += 20) {
        std::size_t off = std::stoul(s.substr(line, 10));
        INFO("object " << obj);
        CHECK(s.compare(off, std::to_string(obj).size() + 6, std::to_string(obj) + " 0 obj") == 0);
    }
    CHECK(s.find("trailer\n<< /Size 9 /Root 1 0 R >>") != std::string::npos);
}

TEST_CASE("scan.pdf refuses no page or a page without an image") {
    CHECK(writeJpegPdf({}).error().code == ErrorCode::InvalidArgument);
    Bytes empty;
    PdfPage bad[] = {{&empty, 10, 10, 300, false}};
    CHECK_FALSE(writeJpegPdf(bad).ok());
    auto p = test::testPage(75);
    PdfPage noSize[] = {{&p.jpeg, 0, 10, 300, false}};
    CHECK_FALSE(writeJpegPdf(noSize).ok());
}
