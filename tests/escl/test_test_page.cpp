// The emulator's test page: the right size at each resolution, colour where asked, and
// readable marks (dark text on light paper) where the title is drawn.
#include <catch2/catch.hpp>

#include <turbojpeg.h>

#include "drivers/emulators/escl/test_page.hpp"

using namespace guichet;

TEST_CASE("escl.page A4 test page in colour and grey decodes to the asked size") {
    emu::TestPageSpec spec;
    spec.dpi = 150;
    spec.widthPx = 1240;
    spec.heightPx = 1754;
    spec.date = "2026-11-28";
    auto jpeg = emu::renderTestPage(spec);
    REQUIRE(jpeg.ok());
    tjhandle tj = tjInitDecompress();
    int w = 0, h = 0, ss = 0, cs = 0;
    REQUIRE(tjDecompressHeader3(tj, jpeg->data(), jpeg->size(), &w, &h, &ss, &cs) == 0);
    CHECK(w == 1240);
    CHECK(h == 1754);
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
    REQUIRE(tjDecompress2(tj, jpeg->data(), jpeg->size(), rgb.data(), w, 0, h, TJPF_RGB, 0) == 0);
    tjDestroy(tj);
    auto at = [&](int x, int y) { return &rgb[(static_cast<std::size_t>(y) * w + x) * 3]; };
    // The blue third of the tricolour block, top right.
    const int margin = 100, flagW = 75;
    auto* blue = at(w - margin - 3 * flagW + 20, margin + 20);
    CHECK(blue[2] > 120);
    CHECK(blue[0] < 60);
    // The title row holds dark ink; the paper below the last line is light.
    int dark = 0;
    for (int x = margin; x < margin + 400; ++x)
        for (int y = margin; y < margin + 14; ++y) dark += at(x, y)[0] < 100;
    CHECK(dark > 200);
    CHECK(at(w / 2, h - margin / 2)[0] > 200);

    spec.colorMode = escl::ColorMode::Grayscale8;
    auto grey = emu::renderTestPage(spec);
    REQUIRE(grey.ok());
    CHECK(grey->size() < jpeg->size());
}

TEST_CASE("escl.page rejects nonsense sizes") {
    emu::TestPageSpec spec;
    spec.widthPx = 0;
    CHECK_FALSE(emu::renderTestPage(spec).ok());
    spec.widthPx = 100000;
    CHECK_FALSE(emu::renderTestPage(spec).ok());
}
