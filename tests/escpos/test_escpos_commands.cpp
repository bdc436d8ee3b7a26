// Every command the encoder emits, pinned byte for byte (PROTOCOLS.md §1).
#include <catch2/catch.hpp>

#include "drivers/escpos/commands.hpp"

using namespace guichet;
using namespace guichet::escpos;

namespace {
template <class F>
Bytes run(F f) {
    Bytes b;
    f(b);
    return b;
}
}  // namespace

TEST_CASE("escpos.init and code page", "[escpos]") {
    CHECK(run([](Bytes& b) { cmd::init(b); }) == Bytes{0x1B, 0x40});
    CHECK(run([](Bytes& b) { cmd::codePage(b, 19); }) == Bytes{0x1B, 0x74, 19});
    CHECK(run([](Bytes& b) { cmd::codePage(b, 16); }) == Bytes{0x1B, 0x74, 0x10});
}

TEST_CASE("escpos.styles bold underline size justify", "[escpos]") {
    CHECK(run([](Bytes& b) { cmd::bold(b, true); }) == Bytes{0x1B, 0x45, 0x01});
    CHECK(run([](Bytes& b) { cmd::bold(b, false); }) == Bytes{0x1B, 0x45, 0x00});
    CHECK(run([](Bytes& b) { cmd::underline(b, 0); }) == Bytes{0x1B, 0x2D, 0x00});
    CHECK(run([](Bytes& b) { cmd::underline(b, 1); }) == Bytes{0x1B, 0x2D, 0x01});
    CHECK(run([](Bytes& b) { cmd::underline(b, 2); }) == Bytes{0x1B, 0x2D, 0x02});
    CHECK(run([](Bytes& b) { cmd::underline(b, 9); }) == Bytes{0x1B, 0x2D, 0x02});  // clamped
    CHECK(run([](Bytes& b) { cmd::size(b, 1, 1); }) == Bytes{0x1D, 0x21, 0x00});
    CHECK(run([](Bytes& b) { cmd::size(b, 2, 2); }) == Bytes{0x1D, 0x21, 0x11});
    CHECK(run([](Bytes& b) { cmd::size(b, 2, 1); }) == Bytes{0x1D, 0x21, 0x10});
    CHECK(run([](Bytes& b) { cmd::size(b, 1, 3); }) == Bytes{0x1D, 0x21, 0x02});
    CHECK(run([](Bytes& b) { cmd::size(b, 8, 8); }) == Bytes{0x1D, 0x21, 0x77});
    CHECK(run([](Bytes& b) { cmd::justify(b, cmd::Justify::Left); }) == Bytes{0x1B, 0x61, 0x00});
    CHECK(run([](Bytes& b) { cmd::justify(b, cmd::Justify::Center); }) == Bytes{0x1B, 0x61, 0x01});
    CHECK(run([](Bytes& b) { cmd::justify(b, cmd::Justify::Right); }) == Bytes{0x1B, 0x61, 0x02});
}

TEST_CASE("escpos.feed and cut", "[escpos]") {
    CHECK(run([](Bytes& b) { cmd::feedLines(b, 3); }) == Bytes{0x1B, 0x64, 0x03});
    CHECK(run([](Bytes& b) { cmd::feedLines(b, 300); }) == Bytes{0x1B, 0x64, 0xFF});
    CHECK(run([](Bytes& b) { cmd::cutFull(b, 3); }) == Bytes{0x1D, 0x56, 0x41, 0x03});
    CHECK(run([](Bytes& b) { cmd::cutPartial(b, 3); }) == Bytes{0x1D, 0x56, 0x42, 0x03});
}

TEST_CASE("escpos.raster image header", "[escpos]") {
    Bytes bits{0xFF, 0x00, 0x81, 0x7E};
    CHECK(run([&](Bytes& b) { cmd::rasterImage(b, 2, 2, bits); }) ==
          Bytes{0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xFF, 0x00, 0x81, 0x7E});
    Bytes wide(72 * 300, 0);
    Bytes out = run([&](Bytes& b) { cmd::rasterImage(b, 72, 300, wide); });
    CHECK(Bytes(out.begin(), out.begin() + 8) == Bytes{0x1D, 0x76, 0x30, 0x00, 72, 0x00, 0x2C, 0x01});
    CHECK(out.size() == 8 + wide.size());
}

TEST_CASE("escpos.qr commands", "[escpos]") {
    CHECK(run([](Bytes& b) { cmd::qrModel2(b); }) == Bytes{0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00});
    CHECK(run([](Bytes& b) { cmd::qrModuleSize(b, 6); }) == Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06});
    CHECK(run([](Bytes& b) { cmd::qrModuleSize(b, 40); }) == Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x10});
    CHECK(run([](Bytes& b) { cmd::qrErrorLevel(b, cmd::QrLevel::L); }) == Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x30});
    CHECK(run([](Bytes& b) { cmd::qrErrorLevel(b, cmd::QrLevel::M); }) == Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31});
    CHECK(run([](Bytes& b) { cmd::qrErrorLevel(b, cmd::QrLevel::H); }) == Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x33});
    CHECK(run([](Bytes& b) { cmd::qrStore(b, "ABC"); }) == Bytes{0x1D, 0x28, 0x6B, 0x06, 0x00, 0x31, 0x50, 0x30, 'A', 'B', 'C'});
    // pL/pH count BYTES (+3): a 300-byte payload gives 303 = 0x012F.
    std::string big(300, 'x');
    Bytes out = run([&](Bytes& b) { cmd::qrStore(b, big); });
    CHECK(out[3] == 0x2F);
    CHECK(out[4] == 0x01);
    CHECK(out.size() == 8 + 300);
    CHECK(run([](Bytes& b) { cmd::qrPrint(b); }) == Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
}

TEST_CASE("escpos.status queries", "[escpos]") {
    CHECK(run([](Bytes& b) { cmd::statusQuery(b, cmd::StatusQuery::Printer); }) == Bytes{0x10, 0x04, 0x01});
    CHECK(run([](Bytes& b) { cmd::statusQuery(b, cmd::StatusQuery::OfflineCause); }) == Bytes{0x10, 0x04, 0x02});
    CHECK(run([](Bytes& b) { cmd::statusQuery(b, cmd::StatusQuery::Error); }) == Bytes{0x10, 0x04, 0x03});
    CHECK(run([](Bytes& b) { cmd::statusQuery(b, cmd::StatusQuery::Paper); }) == Bytes{0x10, 0x04, 0x04});
    CHECK(run([](Bytes& b) { cmd::autoStatusBack(b, 0xFF); }) == Bytes{0x1D, 0x61, 0xFF});
}
