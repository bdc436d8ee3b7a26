// The document step's model: preview, keep, start again, remove a page, wipe.
#include <catch2/catch.hpp>

#include "kiosk/scan/scanned_document.hpp"
#include "tests/scan/scan_test_support.hpp"

using namespace guichet;
using namespace guichet::scan;

TEST_CASE("scan.document keep, retry, remove and wipe pages") {
    ScannedDocument doc;
    std::vector<ScannedPage> first;
    first.push_back(test::testPage(75, 1));
    doc.setPending(std::move(first));
    CHECK(doc.pending().size() == 1);
    CHECK(doc.pageCount() == 0);
    doc.keepPending();  // "Garder"
    CHECK(doc.pageCount() == 1);
    CHECK(doc.pending().empty());

    std::vector<ScannedPage> blurred;
    blurred.push_back(test::testPage(75, 2));
    doc.setPending(std::move(blurred));
    doc.discardPending();  // "Recommencer"
    CHECK(doc.pageCount() == 1);

    std::vector<ScannedPage> two;
    two.push_back(test::testPage(75, 2));
    two.push_back(test::testPage(75, 3));
    doc.setPending(std::move(two));
    doc.keepPending();
    CHECK(doc.pageCount() == 3);
    const Bytes third = doc.pages()[2].jpeg;
    CHECK(doc.removePage(1));
    CHECK_FALSE(doc.removePage(7));
    REQUIRE(doc.pageCount() == 2);
    CHECK(doc.pages()[1].jpeg == third);
    CHECK(doc.totalBytes() > 0);

    auto a = doc.toAttachment({});
    REQUIRE(a.ok());
    CHECK(a->mediaType == "application/pdf");
    doc.wipe();
    CHECK(doc.pageCount() == 0);
    CHECK(doc.totalBytes() == 0);
    CHECK_FALSE(doc.toAttachment({}).ok());
}

#include "kiosk/scan/page_preview.hpp"

TEST_CASE("scan.preview a 300 dpi page shrinks to the largest decoder scale that fits") {
    auto page = test::testPage(300);  // 2480 x 3508
    auto p = makePagePreview(page.jpeg, 700, 1000);
    REQUIRE(p.ok());
    CHECK(p->width == 620);   // 1/4: the 1/2 scale (1240 x 1754) does not fit
    CHECK(p->height == 877);
    REQUIRE(p->rgba.size() == 620u * 877u * 4u);
    // Paper is light, and the blue block of the test page survives the reduction.
    CHECK(p->rgba[(10 * 620 + 310) * 4] > 200);
    const int bx = (2480 - 200 - 3 * 150 + 40) / 4, by = (200 + 40) / 4;
    const std::uint8_t* blue = &p->rgba[(static_cast<std::size_t>(by) * 620 + bx) * 4];
    CHECK(blue[2] > 100);
    CHECK(blue[0] < 80);
    CHECK(blue[3] == 255);
    auto big = makePagePreview(page.jpeg, 4000, 4000);
    REQUIRE(big.ok());
    CHECK(big->width == 2480);  // never upscaled, and no reduction when it fits
    auto tiny = makePagePreview(page.jpeg, 10, 10);
    REQUIRE(tiny.ok());
    CHECK(tiny->width == 310);  // 1/8 is the smallest the decoder offers
    p->wipe();
    CHECK(p->rgba.empty());
    CHECK_FALSE(makePagePreview(Bytes{1, 2, 3}, 100, 100).ok());
    CHECK_FALSE(makePagePreview(page.jpeg, 0, 100).ok());
}
