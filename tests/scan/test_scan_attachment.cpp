// Pages → one attachment within the size limit: JPEG or PDF, re-compressed and then
// downscaled when needed, a clear NoSpace when nothing fits.
#include <catch2/catch.hpp>

#include "kiosk/scan/jpeg_tools.hpp"
#include "kiosk/scan/scan_attachment.hpp"
#include "tests/scan/scan_test_support.hpp"

using namespace guichet;
using namespace guichet::scan;
using guichet::test::asString;

TEST_CASE("scan.attachment one page in auto mode stays the scanned JPEG") {
    std::vector<ScannedPage> pages;
    pages.push_back(test::testPage(100));
    AttachmentPolicy policy;
    policy.format = AttachmentFormat::Auto;
    policy.baseName = "justificatif-domicile";
    auto a = makeScanAttachment(pages, policy);
    REQUIRE(a.ok());
    CHECK(a->name == "justificatif-domicile.jpg");
    CHECK(a->mediaType == "image/jpeg");
    CHECK(a->data == pages[0].jpeg);
}

TEST_CASE("scan.attachment several pages become one PDF") {
    std::vector<ScannedPage> pages;
    pages.push_back(test::testPage(100, 1));
    pages.push_back(test::testPage(100, 2));
    auto a = makeScanAttachment(pages, AttachmentPolicy{});
    REQUIRE(a.ok());
    CHECK(a->name == "document.pdf");
    CHECK(a->mediaType == "application/pdf");
    CHECK(asString(a->data).find("/Count 2") != std::string::npos);
}

TEST_CASE("scan.attachment over the limit: re-compressed until it fits, still readable") {
    std::vector<ScannedPage> pages;
    pages.push_back(test::testPage(300, 1));
    pages.push_back(test::testPage(300, 2));
    const std::size_t original = pages[0].jpeg.size() + pages[1].jpeg.size();
    AttachmentPolicy policy;
    policy.maxBytes = original / 3;
    auto a = makeScanAttachment(pages, policy);
    REQUIRE(a.ok());
    CHECK(a->data.size() <= policy.maxBytes);
    CHECK(asString(a->data).find("/Count 2") != std::string::npos);
    // The original pages are untouched (the resident may still add one).
    CHECK(inspectJpeg(pages[0].jpeg)->width == 2480);
}

TEST_CASE("scan.attachment a limit nothing can meet is NoSpace, saying the sizes") {
    std::vector<ScannedPage> pages;
    pages.push_back(test::testPage(150));
    AttachmentPolicy policy;
    policy.maxBytes = 2000;
    auto a = makeScanAttachment(pages, policy);
    REQUIRE_FALSE(a.ok());
    CHECK(a.error().code == ErrorCode::NoSpace);
    CHECK(a.error().message.find("over the 1 KiB limit") != std::string::npos);
}

TEST_CASE("scan.attachment rejects no page and pages that are not JPEG") {
    CHECK(makeScanAttachment({}, {}).error().code == ErrorCode::InvalidArgument);
    std::vector<ScannedPage> junk(1);
    junk[0].jpeg = Bytes{0x89, 'P', 'N', 'G', 0, 0, 0};
    CHECK(makeScanAttachment(junk, {}).error().code == ErrorCode::Protocol);
}

TEST_CASE("scan.jpeg re-encoding at half scale halves the size in pixels") {
    auto p = test::testPage(200);
    auto half = recompressJpeg(p.jpeg, 60, 2);
    REQUIRE(half.ok());
    auto info = inspectJpeg(*half);
    REQUIRE(info.ok());
    CHECK(info->width == (p.widthPx + 1) / 2);
    CHECK(half->size() < p.jpeg.size());
    CHECK_FALSE(recompressJpeg(p.jpeg, 60, 3).ok());
    auto grey = inspectJpeg(test::testPage(75, 1, false).jpeg);
    CHECK(grey->gray);
}
