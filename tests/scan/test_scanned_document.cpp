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
